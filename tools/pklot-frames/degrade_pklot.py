#!/usr/bin/env python3
"""Copies a folder of PKLot frames as a poorer camera would take them: a soft lens (Gaussian blur
of BLUR pixels), dusk or night (every level v becomes 255 * (v / 255)^GAMMA; over 1 darkens),
fog (each level blended toward light grey 210 by HAZE, 0 to 1: contrast falls to 1 - HAZE), Gaussian
sensor noise of NOISE grey levels, then JPEG at QUALITY. The labels do not move. Usage:
degrade_pklot.py SOURCE_DIR OUT_DIR [--blur 0] [--gamma 1] [--haze 0] [--noise 0] [--quality 90]
  dusk:  --gamma 2.2 --noise 8 --quality 15
  night: --gamma 3 --noise 10 --quality 15
  soft:  --blur 3
  fog:   --haze 0.7 --noise 3 --quality 40"""
import argparse

import cv2
import numpy as np

from labelled_frames import transform_folder


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source")
    parser.add_argument("out")
    parser.add_argument("--blur", type=float, default=0)
    parser.add_argument("--gamma", type=float, default=1)
    parser.add_argument("--haze", type=float, default=0)
    parser.add_argument("--noise", type=float, default=0)
    parser.add_argument("--quality", type=int, default=90)
    args = parser.parse_args()
    # A fixed seed: the same frames every run, so figures can be made again.
    noise = np.random.default_rng(1)

    def transform(image):
        if args.blur > 0:
            image = cv2.GaussianBlur(image, (0, 0), args.blur)
        poorer = np.power(image.astype(np.float32) / 255, args.gamma) * 255
        poorer = poorer * (1 - args.haze) + 210 * args.haze
        if args.noise > 0:
            poorer += noise.normal(0, args.noise, poorer.shape)
        return np.clip(poorer, 0, 255).astype(np.uint8), lambda text: text

    transform_folder(args.source, args.out, transform, quality=args.quality)


if __name__ == "__main__":
    main()
