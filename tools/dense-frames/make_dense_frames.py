#!/usr/bin/env python3
"""Dense-lot frames for `parkwatch eval counts`, built from the shared PKLot UFPR05 frames.

../shared holds no frame with 30-50 cars, the density of the count target. The camera is fixed, so
a car seen in one labelled space can be moved into an empty space of the same camera: the ground
homography between the two space quadrilaterals carries the car (a little beyond its space, for
roof and bumpers), feathered into the frame. The count of each new frame is known by construction:
the cars already in the base frame plus the cars pasted, and each frame gets a PKLot XML beside it
(the pasted spaces marked occupied), so `parkwatch eval spaces` reads them too.

This is a proxy, not a camera: pasted cars come from one morning, keep their own lighting and
repeat. It measures what dense rows do to detection (small far cars, neighbours merged by NMS);
it does not replace real dense frames.

Usage: make_dense_frames.py OUT_DIR [--half] [--dataset ../shared/datasets/pklot-ufpr05-dev/day1]
Needs Debian's python3-opencv (and numpy, which it pulls in).
"""
import argparse
import csv
import pathlib
import random
import xml.etree.ElementTree as ET

import cv2
import numpy as np

# (base frame, cars to paste, seed). Totals 30-41 cars per frame.
FRAMES = [("2013-02-22_07_15_01", fill, seed) for fill, seed in [(18, 1), (22, 2), (25, 3), (28, 4)]] + \
         [("2013-02-22_06_25_00", fill, seed) for fill, seed in [(28, 5), (32, 6), (35, 7), (38, 8)]]
# --half: lots about half full (10-23 cars, 18-30 of 40 spaces free), crowded enough that cars
# stand beside free spaces and spill into them.
HALF_FRAMES = [("2013-02-22_06_25_00", fill, seed) for fill, seed in [(8, 11), (10, 12), (12, 13), (14, 14)]] + \
              [("2013-02-22_07_15_01", fill, seed) for fill, seed in [(4, 15), (6, 16), (8, 17), (10, 18)]]
SOURCES = ["2013-02-22_07_15_01", "2013-02-22_07_10_01"]
# Cars parked off the 40 labelled spaces, counted by eye (the same figures as RealFrameDetectionTests).
OUTSIDE = {"2013-02-22_07_15_01": 1, "2013-02-22_06_25_00": 0}
# How far a pasted patch reaches beyond its space, as a scale about the space's centre.
REACH = 1.2


def canonical(quad):
    """Corners in angular order (clockwise on screen), so that a quadrilateral's rotations are its
    only other orders and no car is mirrored."""
    centre = quad.mean(0)
    return quad[np.argsort(np.arctan2(quad[:, 1] - centre[1], quad[:, 0] - centre[0]))]


def aligned(target_quad, source_quad):
    """The target's corners rotated to meet the source's, corner by corner, so that a car's long axis
    lands on the target's. The image alone cannot say which side of a near-square space is long
    (UFPR05's far block), but a donor is a neighbour in the same block and faces the same way."""
    def shape(quad):
        centred = quad - quad.mean(0)
        return centred / np.linalg.norm(centred)
    rotations = [np.roll(target_quad, -start, 0) for start in range(4)]
    return min(rotations, key=lambda rotated: np.linalg.norm(shape(rotated) - shape(source_quad)))


def read_spaces(xml_path):
    spaces = {}
    for space in ET.parse(xml_path).getroot().iter("space"):
        points = [[float(p.get("x")), float(p.get("y"))] for p in space.find("contour").iter("point")]
        spaces[int(space.get("id"))] = (canonical(np.array(points, np.float32)), space.get("occupied") == "1")
    return spaces


def block(space_id):
    """UFPR05's two blocks of spaces face different ways; a car is only moved within its block."""
    return 0 if space_id <= 20 else 1


def reached(quad):
    centre = quad.mean(0)
    return ((quad - centre) * REACH + centre).astype(np.float32)


def paste(frame, source, source_quad, target_quad):
    homography = cv2.getPerspectiveTransform(reached(source_quad), reached(target_quad))
    warped = cv2.warpPerspective(source, homography, (frame.shape[1], frame.shape[0]), flags=cv2.INTER_LINEAR)
    mask = np.zeros(frame.shape[:2], np.float32)
    cv2.fillConvexPoly(mask, reached(target_quad).astype(np.int32), 1.0)
    mask = cv2.GaussianBlur(mask, (0, 0), 3)[..., None]
    return (frame * (1 - mask) + warped * mask).astype(np.uint8)


def labels_with(base_xml, filled):
    """The base frame's PKLot XML with the filled spaces marked occupied, for `eval spaces`."""
    tree = ET.parse(base_xml)
    for space in tree.getroot().iter("space"):
        if int(space.get("id")) in filled:
            space.set("occupied", "1")
    return tree


def make_frame(dataset, base_name, fill, seed, donors):
    rng = random.Random(seed)
    frame = cv2.imread(str(dataset / f"{base_name}.png"))
    spaces = read_spaces(dataset / f"{base_name}.xml")
    free = [space_id for space_id, (_, occupied) in spaces.items() if not occupied]
    rng.shuffle(free)
    filled = free[:fill]
    for target in filled:
        target_quad = spaces[target][0]
        same_block = [d for d in donors if block(d[1]) == block(target)]
        # The nearest donors look most alike in angle and scale; a random one of three varies the cars.
        same_block.sort(key=lambda d: np.linalg.norm(d[2].mean(0) - target_quad.mean(0)))
        image, _, source_quad = rng.choice(same_block[:3])
        frame = paste(frame, image, source_quad, aligned(target_quad, source_quad))
    already = sum(1 for _, occupied in spaces.values() if occupied) + OUTSIDE[base_name]
    return frame, already + len(filled), labels_with(dataset / f"{base_name}.xml", set(filled))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--dataset", type=pathlib.Path,
                        default=pathlib.Path(__file__).resolve().parents[3] / "shared/datasets/pklot-ufpr05-dev/day1")
    parser.add_argument("--half", action="store_true", help="half-full lots (dense_11 to dense_18) instead")
    args = parser.parse_args()
    donors = []
    for name in SOURCES:
        image = cv2.imread(str(args.dataset / f"{name}.png"))
        donors += [(image, space_id, quad) for space_id, (quad, occupied) in read_spaces(args.dataset / f"{name}.xml").items()
                   if occupied]
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for base_name, fill, seed in HALF_FRAMES if args.half else FRAMES:
        frame, count, labels = make_frame(args.dataset, base_name, fill, seed, donors)
        file_name = f"dense_{seed}.png"
        cv2.imwrite(str(args.out / file_name), frame)
        labels.write(args.out / f"dense_{seed}.xml")
        rows.append((file_name, count))
    with open(args.out / "counts.csv", "w", newline="") as handle:
        csv.writer(handle).writerows([("file", "count"), *rows])
    print(f"{args.out}: {len(rows)} frames, {min(c for _, c in rows)}-{max(c for _, c in rows)} cars each")


if __name__ == "__main__":
    main()
