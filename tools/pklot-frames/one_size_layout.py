#!/usr/bin/env python3
"""Writes a layout JSON (as `parkwatch lot import` makes it) keeping only the spaces whose area lies
within a band of sizes, so the kept spaces spread less than `parkwatch`'s depth test (the 90th over
the 10th percentile of their areas under 1.5): the view of a camera facing one row, whose spaces
all look one size although it sees its cars from the side. For `parkwatch eval spaces --layout`.
The layout keeps the frame size it was drawn on (`lot import` takes it from the frame beside the
XML); `--drawn-on WxH` sets it for a layout without one, so frames of another size (the resized
and degraded copies of the dev frames) get the outlines scaled.

Usage: one_size_layout.py LAYOUT OUT [--min-area PX2] [--max-area PX2] [--drawn-on 1280x720]"""
import argparse
import json


def area(polygon):
    """Shoelace area of a [{x, y}, ...] polygon."""
    n = len(polygon)
    twice = sum(polygon[i]["x"] * polygon[(i + 1) % n]["y"] - polygon[(i + 1) % n]["x"] * polygon[i]["y"] for i in range(n))
    return abs(twice) / 2


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("layout")
    ap.add_argument("out")
    ap.add_argument("--min-area", type=float, default=4400)
    ap.add_argument("--max-area", type=float, default=6700)
    ap.add_argument("--drawn-on", help="WIDTHxHEIGHT of the frames the outlines were drawn on")
    args = ap.parse_args()
    with open(args.layout) as f:
        layout = json.load(f)
    layout["spaces"] = [s for s in layout["spaces"] if args.min_area <= area(s["polygon"]) <= args.max_area]
    layout.pop("view", None)
    if args.drawn_on:
        layout["imageWidth"], layout["imageHeight"] = (int(v) for v in args.drawn_on.split("x"))
    with open(args.out, "w") as f:
        json.dump(layout, f, indent=1)
    sizes = sorted(area(s["polygon"]) for s in layout["spaces"])
    print(f"{len(sizes)} spaces, areas {sizes[0]:.0f}-{sizes[-1]:.0f} px2: {', '.join(s['id'] for s in layout['spaces'])}")


if __name__ == "__main__":
    main()
