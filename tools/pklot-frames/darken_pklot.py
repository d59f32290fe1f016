#!/usr/bin/env python3
"""Copies a folder of PKLot frames as a cheap camera would take them at dusk or at night: every
level v becomes 255 * (v / 255)^GAMMA (over 1 darkens), then Gaussian sensor noise of NOISE grey
levels, then JPEG at QUALITY. The labels do not move. Usage:
darken_pklot.py SOURCE_DIR OUT_DIR [--gamma 2.2] [--noise 8] [--quality 15]"""
import argparse

import numpy as np

from labelled_frames import transform_folder


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source")
    parser.add_argument("out")
    parser.add_argument("--gamma", type=float, default=2.2)
    parser.add_argument("--noise", type=float, default=8)
    parser.add_argument("--quality", type=int, default=15)
    args = parser.parse_args()
    # A fixed seed: the same frames every run, so figures can be made again.
    noise = np.random.default_rng(1)

    def transform(image):
        dark = np.power(image.astype(np.float32) / 255, args.gamma) * 255
        dark += noise.normal(0, args.noise, dark.shape)
        return np.clip(dark, 0, 255).astype(np.uint8), lambda text: text

    transform_folder(args.source, args.out, transform, quality=args.quality)


if __name__ == "__main__":
    main()
