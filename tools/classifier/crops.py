"""Space-crop geometry: the contract of docs/space-crops.md (S = 64).

Used by training; the product's Swift/OpenCV shim must do exactly the same.
"""
import cv2
import numpy as np

S = 64


def quad_from_polygon(points):
    """The polygon itself if it has 4 points, else the 4 corners of minAreaRect (boxPoints)."""
    pts = np.asarray(points, dtype=np.float32).reshape(-1, 2)
    if len(pts) == 4:
        return pts
    return cv2.boxPoints(cv2.minAreaRect(pts)).astype(np.float32)


def order_corners(quad):
    """TL = min x+y, BR = max x+y, TR = min y-x, BL = max y-x. Returns [TL, TR, BR, BL]."""
    q = np.asarray(quad, dtype=np.float32).reshape(4, 2)
    s = q[:, 0] + q[:, 1]
    d = q[:, 1] - q[:, 0]
    return np.stack([q[np.argmin(s)], q[np.argmin(d)], q[np.argmax(s)], q[np.argmax(d)]]).astype(np.float32)


DST = np.array([(0, 0), (S - 1, 0), (S - 1, S - 1), (0, S - 1)], dtype=np.float32)


def warp_space(image, polygon, size=S):
    """Crop one space of a full frame to size x size (BGR uint8)."""
    quad = order_corners(quad_from_polygon(polygon))
    dst = np.array([(0, 0), (size - 1, 0), (size - 1, size - 1), (0, size - 1)], dtype=np.float32)
    m = cv2.getPerspectiveTransform(quad, dst)
    return cv2.warpPerspective(image, m, (size, size), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)


def resize_patch(patch, size=S):
    """A crop that already is one whole space (CNRPark, clf-data): INTER_AREA resize."""
    return cv2.resize(patch, (size, size), interpolation=cv2.INTER_AREA)


def to_tensor_layout(crops_bgr_uint8):
    """[N,64,64,3] uint8 BGR -> [N,3,64,64] float32 in 0..1 (the model input)."""
    x = np.asarray(crops_bgr_uint8, dtype=np.float32) / 255.0
    return np.ascontiguousarray(x.transpose(0, 3, 1, 2))
