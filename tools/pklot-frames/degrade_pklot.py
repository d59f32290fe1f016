#!/usr/bin/env python3
"""Copies a folder of PKLot frames as a poorer camera would take them: a soft lens (Gaussian blur
of BLUR pixels), a lot lit by three lamps (--lamps: light falls to 12% away from three pools),
dusk or night (every level v becomes 255 * (v / 255)^GAMMA; over 1 darkens),
fog (each level blended toward light grey 210 by HAZE, 0 to 1: contrast falls to 1 - HAZE), Gaussian
sensor noise of NOISE grey levels, then JPEG at QUALITY; --grey first drops the colour, as a
monochrome camera or one in infrared night mode sends it. The labels do not move. Usage:
degrade_pklot.py SOURCE_DIR OUT_DIR [--grey] [--blur 0] [--lamps] [--gamma 1] [--haze 0] [--noise 0] [--quality 90]
  dusk:  --gamma 2.2 --noise 8 --quality 15
  night: --gamma 3 --noise 10 --quality 15
  soft:  --blur 3
  fog:   --haze 0.75 --noise 3 --quality 40
  lamps: --lamps --gamma 1.3 --noise 5 --quality 30
  grey:  --grey --quality 85"""
import argparse

import cv2
import numpy as np

from labelled_frames import transform_folder


def lamp_light(height, width):
    """1 under three lamps (Gaussian pools an eighth of the width wide), 0.12 far from them."""
    y, x = np.mgrid[0:height, 0:width]
    light = np.full((height, width), 0.12, np.float32)
    for cx, cy in [(0.25, 0.55), (0.6, 0.7), (0.85, 0.45)]:
        light += 0.9 * np.exp(-((x - cx * width) ** 2 + (y - cy * height) ** 2) / (2 * (0.13 * width) ** 2))
    return np.minimum(light, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source")
    parser.add_argument("out")
    parser.add_argument("--grey", action="store_true")
    parser.add_argument("--blur", type=float, default=0)
    parser.add_argument("--lamps", action="store_true")
    parser.add_argument("--gamma", type=float, default=1)
    parser.add_argument("--haze", type=float, default=0)
    parser.add_argument("--noise", type=float, default=0)
    parser.add_argument("--quality", type=int, default=90)
    args = parser.parse_args()
    # A fixed seed: the same frames every run, so figures can be made again.
    noise = np.random.default_rng(1)

    def transform(image):
        if args.grey:
            image = cv2.cvtColor(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
        if args.blur > 0:
            image = cv2.GaussianBlur(image, (0, 0), args.blur)
        poorer = image.astype(np.float32)
        if args.lamps:
            poorer *= lamp_light(*image.shape[:2])[..., None]
        poorer = np.power(poorer / 255, args.gamma) * 255
        poorer = poorer * (1 - args.haze) + 210 * args.haze
        if args.noise > 0:
            # One noise level per pixel in a grey frame, so the noise adds no colour.
            poorer += noise.normal(0, args.noise, poorer.shape[:2] + ((1,) if args.grey else (3,)))
        return np.clip(poorer, 0, 255).astype(np.uint8), lambda text: text

    transform_folder(args.source, args.out, transform, quality=args.quality)


if __name__ == "__main__":
    main()
