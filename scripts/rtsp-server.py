#!/usr/bin/env python3
"""Serves a video file as a live RTSP stream (looping, real-time, MJPEG over RTP) on loopback,
for trying `parkwatch stream rtsp://...` without a camera, and for the RTSP test.

    python3 scripts/rtsp-server.py PORT VIDEO.mp4      # rtsp://127.0.0.1:PORT/lot

Needs Debian's python3-gi, gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-good and
gstreamer1.0-libav (`make test` installs them). Debian's ffmpeg can send RTSP but not serve it.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: rtsp-server.py PORT VIDEO")
    port, video = sys.argv[1], sys.argv[2]
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    factory = GstRtspServer.RTSPMediaFactory()
    # decodebin picks the file's decoder; JPEG over RTP needs no codec outside plugins-good.
    factory.set_launch(
        f'( multifilesrc location="{video}" loop=true ! decodebin ! videoconvert ! videorate ! '
        "jpegenc quality=85 ! rtpjpegpay name=pay0 pt=26 )"
    )
    factory.set_shared(True)
    server.get_mount_points().add_factory("/lot", factory)
    if server.attach(None) == 0:
        sys.exit(f"rtsp-server: cannot listen on 127.0.0.1:{port}")
    print(f"rtsp-server: rtsp://127.0.0.1:{port}/lot serving {video}", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
