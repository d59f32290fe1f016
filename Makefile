# The two commands of the README: `make run` and `make test`. Both install what is missing first.
export PATH := $(PATH):/opt/swift/usr/bin
SWIFT ?= swift

.PHONY: setup build run test test-fast bench stream-bench count-bench

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product parkwatch

run: build
	.build/release/parkwatch watch

# The browser test drives Debian's headless Chromium; the FTP test, Debian's pure-ftpd; the RTSP
# test, GStreamer's RTSP server (scripts/rtsp-server.py); the MQTT tests, Debian's Mosquitto broker.
# The API fuzz test runs PyPI's schemathesis from tools/schemathesis/.venv (scripts/schemathesis-venv.sh);
# PARKWATCH_REQUIRE_SCHEMATHESIS makes it fail rather than skip when the venv is missing.
TEST_PACKAGES := python3-gi python3-opencv gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-good gstreamer1.0-libav python3-venv \
	mosquitto mosquitto-clients postgresql
# The slow-client tests time the server's idle timeouts, and the central bookings tests race a
# dozen writers into one PostgreSQL: they run on their own, after the rest, so that hundreds of
# parallel tests on two cores cannot hold up the servers they time or race (under that load a
# writer can wait on PostgreSQL for minutes). The wide-view test makes its frames with Python and
# reads 160 spaces through every tile: run among the others, it holds both cores for minutes and
# starves the services they wait on.
ALONE_TESTS := SlowClientTests|CentralBookingsTests|CentralBookingTests|WideViewTests
# The live tests wait, against a deadline, on a service fed by a real server or stream (RTSP,
# HTTP, FTP, MQTT, webhooks, PostgreSQL, the inbox watcher): they run together after the model-heavy
# rest, which on a slow two-core machine can hold up a photo or a frame past any fair deadline.
LIVE_TESTS := RTSPStreamTests|LoopbackStreamTests|LiveLagTests|ForwarderTests|InboxServiceTests|FTPUploadTests|MQTTPublisherTests|WebhookDeliveryTests|CentralSitesTests
test:
	@scripts/setup.sh chromium pure-ftpd $(TEST_PACKAGES)
	@scripts/schemathesis-venv.sh
	PARKWATCH_REQUIRE_SCHEMATHESIS=1 $(SWIFT) test --skip '$(ALONE_TESTS)|$(LIVE_TESTS)'
	$(SWIFT) test --skip-build --filter '$(LIVE_TESTS)'
	$(SWIFT) test --skip-build --filter SlowClientTests
	$(SWIFT) test --skip-build --filter 'CentralBookingsTests|CentralBookingTests'
	$(SWIFT) test --skip-build --filter WideViewTests

# The logic alone, in seconds: values, rules, geometry, the store, fakes behind the seams. No
# model, browser or server; `make test` runs these too, with the integration tests.
FAST_TESTS := ParkWatchAnalyticsTests|HistoryAdaptationTests|ParkWatchConfigTests|ParkWatchStoreTests|GeometryTests|LayoutTests|BoxMappingTests|NonMaxSuppressionTests|TileGridTests|YOLOXDecoderTests|SpaceDeciderTests|SpaceTrackerTests|BinaryTallyTests|ProgressTextTests|OccupancyRecordsTests|ChangeGateTests|SamplerTests|HealthTests|ReconnectTests|CameraIDTests|CaptureTimeTests|ImageProbeTests|ArchivePrunerTests|FileMoverEntryTests
test-fast: setup
	$(SWIFT) test --filter '$(FAST_TESTS)'

# Inbox backlog throughput, then the dev camera's 714 stream frames replayed gated and in full,
# on one core and on all of this machine's cores.
SHARED := ../shared
bench: setup
	$(SWIFT) build -c release --product parkwatch-bench
	.build/release/parkwatch-bench $(BENCH_ARGS)
	$(SWIFT) build -c release --product parkwatch
	.build/release/parkwatch lot import --from-pklot $(SHARED)/datasets/pklot-ufpr05-dev/day1/2013-02-22_06_25_00.xml --out .build/ufpr05.json
	taskset -c 0 .build/release/parkwatch replay $(SHARED)/datasets/ufpr05-stream/frames --lot .build/ufpr05.json --compare
	.build/release/parkwatch replay $(SHARED)/datasets/ufpr05-stream/frames --lot .build/ufpr05.json --compare

# Frames per second on the seed video with and without change gating; STREAM_BENCH_ARGS=--no-detector.
stream-bench: setup
	$(SWIFT) build -c release --product parkwatch-stream-bench
	.build/release/parkwatch-stream-bench $(STREAM_BENCH_ARGS)

# Count error on dense frames (30-41 cars) made from the shared PKLot frames: tools/dense-frames.
DENSE_FRAMES := .build/dense-frames
count-bench:
	@scripts/setup.sh python3-opencv
	$(SWIFT) build -c release --product parkwatch
	/usr/bin/python3 tools/dense-frames/make_dense_frames.py $(DENSE_FRAMES)
	.build/release/parkwatch eval counts $(DENSE_FRAMES) $(COUNT_BENCH_ARGS)

# Space classifier: venv (if missing) -> train -> models/space-classifier/space_classifier.onnx, prints figures.
# CLASSIFIER_ARGS="--mode loo" for the leave-one-dataset-out table, "--mode all" for both.
# setup.sh installs python3-venv (for the venv) and python3-opencv (Debian's OpenCV 4.6, for the check).
CLASSIFIER_PY := tools/classifier/.venv/bin/python
CLASSIFIER_ARGS ?=
.PHONY: train-classifier
train-classifier:
	@scripts/setup.sh python3-venv python3-opencv
	@test -x $(CLASSIFIER_PY) || (python3 -m venv tools/classifier/.venv && \
		tools/classifier/.venv/bin/pip install -r tools/classifier/requirements.txt)
	$(CLASSIFIER_PY) -W ignore tools/classifier/train.py $(CLASSIFIER_ARGS)
	@if /usr/bin/python3 -c 'import cv2' 2>/dev/null; then /usr/bin/python3 tools/classifier/verify_opencv.py; \
	else echo "skip OpenCV 4.6 check: apt-get install -y python3-opencv"; fi
