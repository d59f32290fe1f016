// Shared by the shim's .cpp files only (not under include/, so Swift never sees it):
// the image handle's layout and the error plumbing that keeps C++ exceptions out of Swift.
#ifndef PARKWATCH_SHIM_INTERNAL_HPP
#define PARKWATCH_SHIM_INTERNAL_HPP

#include "cvshim.h"

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdio>
#include <exception>
#include <string>

struct pw_image {
    cv::Mat mat;
};

namespace pwshim {

inline void copy_text(char *err, size_t err_len, const std::string &message) {
    if (err == nullptr || err_len == 0) return;
    std::snprintf(err, err_len, "%s", message.c_str());
}

// cv::Exception::what() carries file and line noise; `err` is the readable part.
inline std::string describe(const cv::Exception &e) {
    std::string text = e.err.empty() ? std::string(e.what()) : e.err;
    if (!e.func.empty()) text += " (in " + e.func + ")";
    return text;
}

// Runs `body`, turning every exception into `failure_code` plus a message.
template <typename Body>
int guarded(int failure_code, char *err, size_t err_len, Body body) {
    try {
        return body();
    } catch (const cv::Exception &e) {
        copy_text(err, err_len, describe(e));
    } catch (const std::exception &e) {
        copy_text(err, err_len, e.what());
    } catch (...) {
        copy_text(err, err_len, "unknown C++ exception");
    }
    return failure_code;
}

inline int fail(int code, char *err, size_t err_len, const std::string &message) {
    copy_text(err, err_len, message);
    return code;
}

// Both networks (detector and space classifier) load the same way: ONNX, OpenCV backend, CPU.
inline int load_onnx(const char *path, cv::dnn::Net &out, char *err, size_t err_len) {
    return guarded(PW_ERR_MODEL_LOAD, err, err_len, [&] {
        cv::dnn::Net net = cv::dnn::readNetFromONNX(path);
        if (net.empty()) return fail(PW_ERR_MODEL_LOAD, err, err_len, "OpenCV returned an empty network");
        net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
        net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
        out = net;
        return static_cast<int>(PW_OK);
    });
}

// A BGR image's region the caller names: PW_OK when `region` lies inside `image`, else a failure.
inline int check_region(const pw_image *image, const cv::Rect &region, char *err, size_t err_len) {
    if (image->mat.empty() || image->mat.type() != CV_8UC3) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "not an 8-bit BGR image");
    if (region.width <= 0 || region.height <= 0 || (region & cv::Rect(0, 0, image->mat.cols, image->mat.rows)) != region)
        return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "region not inside the image");
    return PW_OK;
}

// The variance of the Laplacian (3x3) of grey levels: how much fine detail they hold.
inline double laplacian_variance(const cv::Mat &grey) {
    cv::Mat laplacian;
    cv::Laplacian(grey, laplacian, CV_64F);
    cv::Scalar mean, deviation;
    cv::meanStdDev(laplacian, mean, deviation);
    return deviation[0] * deviation[0];
}

}  // namespace pwshim

#endif
