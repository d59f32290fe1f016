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


def shrink_large(image, quad, size=S):
    """A space more than twice the crop's side across (sqrt of its quad's area) is first shrunk with
    INTER_AREA around its bounding box to that side, so the warp does not alias its texture.
    Returns (image, quad) to warp."""
    scale = size / np.sqrt(max(1.0, cv2.contourArea(quad)))
    if scale >= 0.5:
        return image, quad
    x, y, w, h = cv2.boundingRect(quad)
    x0, y0 = max(0, x - 2), max(0, y - 2)
    x1, y1 = min(image.shape[1], x + w + 2), min(image.shape[0], y + h + 2)
    if x1 <= x0 or y1 <= y0:
        return image, quad
    bw, bh = x1 - x0, y1 - y0
    shrunk = cv2.resize(image[y0:y1, x0:x1], (max(1, int(np.floor(bw * scale + 0.5))), max(1, int(np.floor(bh * scale + 0.5)))),
                        interpolation=cv2.INTER_AREA)
    sx, sy = shrunk.shape[1] / bw, shrunk.shape[0] / bh
    moved = np.stack([(quad[:, 0] - x0 + 0.5) * sx - 0.5, (quad[:, 1] - y0 + 0.5) * sy - 0.5], 1)
    return shrunk, moved.astype(np.float32)


def warp_space(image, polygon, size=S):
    """Crop one space of a full frame to size x size (BGR uint8)."""
    quad = order_corners(quad_from_polygon(polygon))
    image, quad = shrink_large(image, quad, size)
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
