"""Readers for the three development sets in ../shared/datasets (cv2 + numpy only, so the
Debian /usr/bin/python3 + python3-opencv 4.6 can run them too).

Every item carries a *group* (slot / space / space) so splits never put near-duplicates on both sides.
Labels: 0 = free, 1 = occupied.
"""
import glob
import os
import xml.etree.ElementTree as ET

import cv2
import numpy as np

from crops import order_corners, quad_from_polygon, resize_patch, warp_space

DEFAULT_ROOT = os.environ.get(
    "PARKWATCH_DATASETS",
    os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "datasets")))

# clf-data spaces whose not_empty label is not a car (see SOURCE.md): excluded from training and test.
CLF_EXCLUDED_SPACES = ("00000270", "00000312")

# Held-out groups of the shipped model (deterministic, no randomness).
CNR_TEST_SLOT = lambda slot: int(slot) % 4 == 0            # 12 of 51 slots
PKLOT_TEST_SPACE = lambda sid: int(sid) % 4 == 2            # 10 of 40 spaces (6, 10, 18 get occupied on day1)


class Items:
    """Patch-like items: x [N,64,64,3] uint8 BGR; y [N]; group [N] str; meta [N] str."""

    def __init__(self, name, x, y, group, meta):
        self.name, self.x, self.y, self.group, self.meta = name, x, y, np.asarray(group), np.asarray(meta)

    def subset(self, mask):
        mask = np.asarray(mask, dtype=bool)
        return Items(self.name, self.x[mask], self.y[mask], self.group[mask], self.meta[mask])

    def __len__(self):
        return len(self.y)

    def summary(self):
        return f"{self.name}: {len(self)} crops, {int(self.y.sum())} occupied, {len(set(self.group))} groups"


def load_cnrpark(root=DEFAULT_ROOT):
    xs, ys, gs, ms = [], [], [], []
    for label, sub in ((1, "busy"), (0, "free")):
        for f in sorted(glob.glob(os.path.join(root, "cnrpark-a", sub, "*.jpg"))):
            stem = os.path.basename(f)[:-4]
            date, hhmm, slot = stem.split("_")
            xs.append(resize_patch(cv2.imread(f, cv2.IMREAD_COLOR)))
            ys.append(label)
            gs.append(slot)
            ms.append(f"{date}_{hhmm}")
    return Items("cnrpark-a", np.stack(xs), np.array(ys, np.int64), gs, ms)


def load_clf(root=DEFAULT_ROOT, exclude=CLF_EXCLUDED_SPACES):
    xs, ys, gs, ms = [], [], [], []
    for label, sub in ((0, "empty"), (1, "not_empty")):
        for f in sorted(glob.glob(os.path.join(root, "clf-data", sub, "*.jpg"))):
            a, b = os.path.basename(f)[:-4].split("_")
            if b in exclude:
                continue
            xs.append(resize_patch(cv2.imread(f, cv2.IMREAD_COLOR)))
            ys.append(label)
            gs.append(b)
            ms.append(a)
    return Items("clf-data", np.stack(xs), np.array(ys, np.int64), gs, ms)


def clf_test_space_set(items):
    """Every 4th space of each label (sorted ids) -> stratified 25% of spaces held out."""
    test = set()
    for label in (0, 1):
        spaces = sorted(set(items.group[items.y == label]))
        test.update(spaces[1::4])
    return test


def parse_pklot_xml(path):
    spaces = []
    for sp in ET.parse(path).getroot().findall("space"):
        pts = [(float(p.get("x")), float(p.get("y"))) for p in sp.find("contour").findall("point")]
        spaces.append((sp.get("id"), int(sp.get("occupied", "0")), pts))
    return spaces


class PKLotFrames:
    """Full frames with their space polygons, so augmentation can jitter the quad and re-warp."""

    def __init__(self, root=DEFAULT_ROOT):
        self.frames, self.records = [], []   # records: (frame_idx, space_id, label, ordered quad, day, stem)
        for day in ("day0", "day1"):
            for xml in sorted(glob.glob(os.path.join(root, "pklot-ufpr05-dev", day, "*.xml"))):
                stem = xml[:-4]
                img_path = next(p for p in (stem + ".jpg", stem + ".png") if os.path.exists(p))
                fi = len(self.frames)
                self.frames.append(cv2.imread(img_path, cv2.IMREAD_COLOR))
                for sid, occ, pts in parse_pklot_xml(xml):
                    self.records.append((fi, sid, occ, order_corners(quad_from_polygon(pts)), day,
                                         os.path.basename(stem)))

    def items(self, mask=None):
        xs, ys, gs, ms = [], [], [], []
        for i, (fi, sid, occ, quad, day, stem) in enumerate(self.records):
            if mask is not None and not mask[i]:
                continue
            xs.append(warp_space(self.frames[fi], quad))
            ys.append(occ)
            gs.append(sid)
            ms.append(f"{day}/{stem}")
        return Items("pklot-ufpr05-dev", np.stack(xs), np.array(ys, np.int64), gs, ms)

    def mask(self, fn):
        return np.array([fn(r) for r in self.records], dtype=bool)


def ship_split(root=DEFAULT_ROOT):
    """The shipped model's split. Returns (train dict, test dict).

    train: {'cnrpark-a': Items, 'clf-data': Items, 'pklot': (PKLotFrames, mask)}
    test:  {name: Items}
    """
    cnr = load_cnrpark(root)
    cnr_test = np.array([CNR_TEST_SLOT(s) for s in cnr.group])
    clf = load_clf(root)
    tset = clf_test_space_set(clf)
    clf_test = np.array([g in tset for g in clf.group])
    pk = PKLotFrames(root)
    pk_train = pk.mask(lambda r: r[4] == "day1" and not PKLOT_TEST_SPACE(r[1]))
    train = {"cnrpark-a": cnr.subset(~cnr_test), "clf-data": clf.subset(~clf_test), "pklot": (pk, pk_train)}
    test = {
        "cnrpark-a (12 held-out slots)": cnr.subset(cnr_test),
        "clf-data (25% held-out spaces)": clf.subset(clf_test),
        "pklot day0 (other day, all free)": pk.items(pk.mask(lambda r: r[4] == "day0")),
        "pklot day1 (10 held-out spaces)": pk.items(pk.mask(lambda r: r[4] == "day1" and PKLOT_TEST_SPACE(r[1]))),
    }
    return train, test
