"""A small mAlexNet-sized CNN for 64x64 BGR space crops (~0.1 M parameters, ~7 M MACs per crop)."""
import torch
import torch.nn as nn


def block(cin, cout, k, stride=1):
    return [nn.Conv2d(cin, cout, k, stride, k // 2, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


class SpaceNet(nn.Module):
    def __init__(self, widths=(24, 48, 64, 96), dropout=0.3):
        super().__init__()
        w1, w2, w3, w4 = widths
        self.features = nn.Sequential(
            *block(3, w1, 5, 2), nn.MaxPool2d(2),       # 64 -> 32 -> 16
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
