"""A small mAlexNet-sized CNN for 64x64 BGR space crops (~0.1 M parameters, ~7 M MACs per crop)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def block(cin, cout, k, stride=1):
    return [nn.Conv2d(cin, cout, k, stride, k // 2, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


class CropNorm(nn.Module):
    """Instance normalisation with a per-channel affine: each crop's first-layer responses are rescaled to its
    own mean and spread, so a camera's overall brightness, contrast and asphalt tone stop being a cue (leave-one-
    dataset-out on PKLot: 80-81% with BatchNorm here, 86-90% with this; see the model card).

    The affine runs as a 1x1 Conv with a diagonal weight: OpenCV 4.6 gets a batch of more than one crop wrong when
    a per-channel scale follows its instance norm directly (the InstanceNormalization's own scale and bias, or a
    BatchNormalization it fuses in), and runs a 1x1 depthwise Conv about twice as slowly as this full one.
    """

    def __init__(self, channels):
        super().__init__()
        self.norm = nn.InstanceNorm2d(channels, affine=False)
        self.weight = nn.Parameter(torch.ones(channels))
        self.bias = nn.Parameter(torch.zeros(channels))
        self.register_buffer("eye", torch.eye(channels), persistent=False)

    def forward(self, x):
        diagonal = self.eye * self.weight   # a constant at export: diag() and eye() have no OpenCV 4.6 form
        return F.conv2d(self.norm(x), diagonal[:, :, None, None], self.bias)


class SpaceNet(nn.Module):
    def __init__(self, widths=(24, 48, 64, 96), dropout=0.3):
        super().__init__()
        w1, w2, w3, w4 = widths
        self.features = nn.Sequential(
            nn.Conv2d(3, w1, 5, 2, 2, bias=False), CropNorm(w1), nn.ReLU(inplace=True),
            nn.MaxPool2d(2),                            # 64 -> 32 -> 16
            *block(w1, w2, 3), nn.MaxPool2d(2),         # 16 -> 8
            *block(w2, w3, 3), nn.MaxPool2d(2),         # 8 -> 4
            *block(w3, w4, 3),
            nn.AdaptiveAvgPool2d(1),                    # exported as GlobalAveragePool
        )
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(w4, 2)

    def forward(self, x):                               # logits
        return self.fc(self.dropout(torch.flatten(self.features(x), 1)))


class WithSoftmax(nn.Module):
    """The exported graph: input [N,3,64,64] BGR 0..1 -> probs [N,2] (0 free, 1 occupied)."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return torch.softmax(self.net(x), dim=1)
