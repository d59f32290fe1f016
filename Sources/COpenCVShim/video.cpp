// cv::VideoCapture and cv::VideoWriter for files and streams. Sampling, gating, watchdogs and
// reconnects are Swift's; this file only opens, reads and writes what it is told to.
#include "cvshim_video.h"
#include "shim_internal.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

struct pw_video {
    cv::VideoCapture capture;
};

struct pw_video_writer {
    cv::VideoWriter writer;
    cv::Size size;
};

namespace {

using pwshim::fail;
using pwshim::guarded;

std::vector<int> open_parameters(int open_timeout_ms, int read_timeout_ms) {
    std::vector<int> parameters;
    if (open_timeout_ms > 0) parameters.insert(parameters.end(), {cv::CAP_PROP_OPEN_TIMEOUT_MSEC, open_timeout_ms});
    if (read_timeout_ms > 0) parameters.insert(parameters.end(), {cv::CAP_PROP_READ_TIMEOUT_MSEC, read_timeout_ms});
    return parameters;
}

}  // namespace

extern "C" {

int pw_video_open(const char *source, int open_timeout_ms, int read_timeout_ms,
                  pw_video **out_video, char *err, size_t err_len) {
    if (source == nullptr || out_video == nullptr) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no source or output pointer");
    *out_video = nullptr;
    return guarded(PW_ERR_VIDEO_OPEN, err, err_len, [&] {
        auto video = std::make_unique<pw_video>();
        const bool opened = video->capture.open(source, cv::CAP_FFMPEG, open_parameters(open_timeout_ms, read_timeout_ms));
        if (!opened || !video->capture.isOpened())
            return fail(PW_ERR_VIDEO_OPEN, err, err_len, std::string("FFmpeg could not open ") + source);
        *out_video = video.release();
        return static_cast<int>(PW_OK);
    });
}

void pw_video_free(pw_video *video) { delete video; }

int pw_video_width(const pw_video *video) {
    return video == nullptr ? 0 : static_cast<int>(video->capture.get(cv::CAP_PROP_FRAME_WIDTH));
}

int pw_video_height(const pw_video *video) {
    return video == nullptr ? 0 : static_cast<int>(video->capture.get(cv::CAP_PROP_FRAME_HEIGHT));
}

double pw_video_fps(const pw_video *video) { return video == nullptr ? 0 : video->capture.get(cv::CAP_PROP_FPS); }

int64_t pw_video_frame_count(const pw_video *video) {
    if (video == nullptr) return 0;
    const double count = video->capture.get(cv::CAP_PROP_FRAME_COUNT);
    return count > 0 ? static_cast<int64_t>(count) : 0;
}

int pw_video_grab(pw_video *video, char *err, size_t err_len) {
    if (video == nullptr) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no video");
    return guarded(PW_ERR_VIDEO_READ, err, err_len, [&] {
        if (!video->capture.grab()) return fail(PW_ERR_VIDEO_END, err, err_len, "no next frame (end of file, stream closed or read timed out)");
        return static_cast<int>(PW_OK);
    });
}

int pw_video_retrieve(pw_video *video, pw_image **out_image, char *err, size_t err_len) {
    if (video == nullptr || out_image == nullptr) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no video or output pointer");
    *out_image = nullptr;
    return guarded(PW_ERR_VIDEO_READ, err, err_len, [&] {
        cv::Mat frame;
        if (!video->capture.retrieve(frame) || frame.empty())
            return fail(PW_ERR_VIDEO_READ, err, err_len, "the grabbed frame could not be decoded");
        if (frame.type() != CV_8UC3)
            return fail(PW_ERR_VIDEO_READ, err, err_len, "decoded frame is not 8-bit BGR (type " + std::to_string(frame.type()) + ")");
        *out_image = new pw_image{frame};
        return static_cast<int>(PW_OK);
    });
}

double pw_video_position_ms(const pw_video *video) {
    return video == nullptr ? 0 : video->capture.get(cv::CAP_PROP_POS_MSEC);
}

int pw_video_seek_ms(pw_video *video, double ms, char *err, size_t err_len) {
    if (video == nullptr || ms < 0) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no video or negative position");
    return guarded(PW_ERR_VIDEO_SEEK, err, err_len, [&] {
        if (!video->capture.set(cv::CAP_PROP_POS_MSEC, ms))
            return fail(PW_ERR_VIDEO_SEEK, err, err_len, "the source cannot seek (a live stream?)");
        return static_cast<int>(PW_OK);
    });
}

int pw_video_writer_open(const char *path, const char *fourcc, double fps, int width, int height,
                         pw_video_writer **out_writer, char *err, size_t err_len) {
    if (path == nullptr || fourcc == nullptr || std::strlen(fourcc) != 4 || out_writer == nullptr)
        return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no path, a fourcc not of 4 characters, or no output pointer");
    if (!(fps > 0) || width <= 0 || height <= 0)
        return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "frame rate and size must be positive");
    *out_writer = nullptr;
    return guarded(PW_ERR_VIDEO_WRITE, err, err_len, [&] {
        auto writer = std::make_unique<pw_video_writer>();
        writer->size = cv::Size(width, height);
        const int code = cv::VideoWriter::fourcc(fourcc[0], fourcc[1], fourcc[2], fourcc[3]);
        if (!writer->writer.open(path, cv::CAP_FFMPEG, code, fps, writer->size, true))
            return fail(PW_ERR_VIDEO_WRITE, err, err_len, std::string("FFmpeg could not open ") + path + " for writing");
        *out_writer = writer.release();
        return static_cast<int>(PW_OK);
    });
}

int pw_video_writer_write(pw_video_writer *writer, const pw_image *image, char *err, size_t err_len) {
    if (writer == nullptr || image == nullptr) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no writer or image");
    if (image->mat.size() != writer->size)
        return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "frame size differs from the size the writer was opened with");
    return guarded(PW_ERR_VIDEO_WRITE, err, err_len, [&] {
        writer->writer.write(image->mat);
        return static_cast<int>(PW_OK);
    });
}

void pw_video_writer_free(pw_video_writer *writer) {
    if (writer == nullptr) return;
    try {
        writer->writer.release();
    } catch (...) {
        // Nothing can be reported from a destructor path; the file may be incomplete.
    }
    delete writer;
}

int pw_image_write(const pw_image *image, const char *path, char *err, size_t err_len) {
    if (image == nullptr || path == nullptr) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no image or path");
    return guarded(PW_ERR_VIDEO_WRITE, err, err_len, [&] {
        if (!cv::imwrite(path, image->mat)) return fail(PW_ERR_VIDEO_WRITE, err, err_len, std::string("OpenCV could not write ") + path);
        return static_cast<int>(PW_OK);
    });
}

}  // extern "C"
