"""Augmentation for what cameras see. All ops on 64x64 uint8 BGR, driven by a numpy Generator."""
import cv2
import numpy as np

from crops import S, DST


def jitter_quad(quad, rng, corner=0.08, rot_deg=10.0, scale=(0.88, 1.12), shift=0.06):
    """Random similarity (rotation / scale / shift) plus per-corner jitter of an ordered quad."""
    q = np.asarray(quad, np.float32)
    c = q.mean(0)
    side = np.sqrt(cv2.contourArea(q.reshape(-1, 1, 2)) + 1e-6)
    a = np.deg2rad(rng.uniform(-rot_deg, rot_deg))
    s = 1.0 / rng.uniform(*scale)      # larger source quad = object looks smaller
    r = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]], np.float32) * s
    q = (q - c) @ r.T + c + rng.uniform(-shift, shift, 2) * side
    q = q + rng.uniform(-corner, corner, (4, 2)) * side
    return q.astype(np.float32)


def geometric_patch(img, rng):
    src = np.array([(0, 0), (S - 1, 0), (S - 1, S - 1), (0, S - 1)], np.float32)
    q = jitter_quad(src, rng)
    m = cv2.getPerspectiveTransform(q, DST)
    border = cv2.BORDER_REFLECT_101 if rng.random() < 0.5 else cv2.BORDER_REPLICATE
    return cv2.warpPerspective(img, m, (S, S), flags=cv2.INTER_LINEAR, borderMode=border)


def geometric_frame(frame, quad, rng):
    q = jitter_quad(quad, rng)
    m = cv2.getPerspectiveTransform(q, DST)
    return cv2.warpPerspective(frame, m, (S, S), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def dihedral(img, rng):
    k = int(rng.integers(4))
    img = np.rot90(img, k)
    if rng.random() < 0.5:
        img = img[:, ::-1]
    return np.ascontiguousarray(img)


def hard_shadow(img_f, rng):
    """Multiply a random polygon (often crossing the crop edge) by a dark factor; sometimes soft edges."""
    n = int(rng.integers(3, 7))
    c = rng.uniform(-0.2 * S, 1.2 * S, 2)
    ang = np.sort(rng.uniform(0, 2 * np.pi, n))
    rad = rng.uniform(0.3 * S, 0.9 * S, n)
    pts = np.stack([c[0] + rad * np.cos(ang), c[1] + rad * np.sin(ang)], 1).astype(np.int32)
    mask = np.zeros((S, S), np.float32)
    cv2.fillPoly(mask, [pts], 1.0)
    if rng.random() < 0.4:
        mask = cv2.GaussianBlur(mask, (0, 0), rng.uniform(0.8, 3.0))
    dark = rng.uniform(0.25, 0.7)
    tint = 1.0 + rng.uniform(-0.08, 0.12, 3)          # shadows are slightly blue
    factor = 1.0 - mask[..., None] * (1.0 - dark * tint[None, None, :])
    return img_f * factor


def photometric(img, rng):
    x = img.astype(np.float32) / 255.0
    if rng.random() < 0.45:
        x = hard_shadow(x, rng)
    # colour jitter: saturation, per-channel gain (white balance)
    if rng.random() < 0.8:
        g = x.mean(2, keepdims=True)
        x = g + (x - g) * rng.uniform(0.4, 1.5)
        x = x * rng.uniform(0.85, 1.15, 3)[None, None, :]
    if rng.random() < 0.1:
        x = np.repeat(x.mean(2, keepdims=True), 3, 2)      # monochrome / IR-like
    # brightness / contrast / gamma
    m = x.mean()
    x = (x - m) * rng.uniform(0.55, 1.45) + m + rng.uniform(-0.25, 0.25)
    x = np.clip(x, 0, 1)
    if rng.random() < 0.5:
        x = x ** rng.uniform(0.6, 1.6)
    # resolution loss / blur
    r = rng.random()
    if r < 0.2:
        k = int(rng.integers(14, 40))
        x = cv2.resize(cv2.resize(x, (k, k), interpolation=cv2.INTER_AREA), (S, S), interpolation=cv2.INTER_LINEAR)
    elif r < 0.4:
        x = cv2.GaussianBlur(x, (0, 0), rng.uniform(0.5, 1.6))
    if rng.random() < 0.3:
        x = x + rng.normal(0, rng.uniform(0.005, 0.03), x.shape).astype(np.float32)
    return np.clip(x, 0, 1).astype(np.float32)


def augment_patch(img, rng):
    return photometric(dihedral(geometric_patch(img, rng), rng), rng)


def augment_frame(frame, quad, rng):
    return photometric(dihedral(geometric_frame(frame, quad, rng), rng), rng)
