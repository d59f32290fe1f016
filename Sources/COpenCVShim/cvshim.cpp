// OpenCV calls only. Geometry, decoding and thresholds live in Swift.
#include "cvshim.h"
#include "shim_internal.hpp"

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

struct pw_net {
    cv::dnn::Net net;
};

namespace {

using pwshim::fail;
using pwshim::guarded;

// Upstream YOLOX preprocessing: resize keeping aspect ratio, pad bottom/right with 114.
cv::Mat letterbox(const cv::Mat &region, int input_size, int align, float *out_scale) {
    const double scale = std::min(static_cast<double>(input_size) / region.cols,
                                  static_cast<double>(input_size) / region.rows);
    const int resized_w = std::max(1, static_cast<int>(region.cols * scale));
    const int resized_h = std::max(1, static_cast<int>(region.rows * scale));
    cv::Mat resized;
    cv::resize(region, resized, cv::Size(resized_w, resized_h), 0, 0, cv::INTER_LINEAR);
    // Padding only up to the next multiple of `align`: a 416 x 234 frame costs a 416 x 256 pass, not 416 x 416.
    const auto padded = [&](int side) { return std::min(input_size, (side + align - 1) / align * align); };
    cv::Mat canvas(padded(resized_h), padded(resized_w), CV_8UC3, cv::Scalar(114, 114, 114));
    resized.copyTo(canvas(cv::Rect(0, 0, resized_w, resized_h)));
    *out_scale = static_cast<float>(scale);
    return canvas;
}

}  // namespace


extern "C" {

int pw_image_decode(const uint8_t *data, size_t length, pw_image **out_image,
                    char *err, size_t err_len) {
    if (out_image == nullptr) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no output pointer");
    *out_image = nullptr;
    if (data == nullptr || length == 0) return fail(PW_ERR_DECODE, err, err_len, "no bytes to decode");
    if (length > static_cast<size_t>(INT_MAX)) return fail(PW_ERR_DECODE, err, err_len, "more than 2 GiB of encoded bytes");
    return guarded(PW_ERR_DECODE, err, err_len, [&] {
        // Wraps the caller's bytes without copying; imdecode only reads them.
        const cv::Mat encoded(1, static_cast<int>(length), CV_8UC1, const_cast<uint8_t *>(data));
        cv::Mat decoded = cv::imdecode(encoded, cv::IMREAD_COLOR);
        if (decoded.empty()) return fail(PW_ERR_DECODE, err, err_len, "OpenCV found no decodable image in the bytes");
        *out_image = new pw_image{decoded};
        return static_cast<int>(PW_OK);
    });
}

void pw_image_free(pw_image *image) { delete image; }

int pw_image_width(const pw_image *image) { return image == nullptr ? 0 : image->mat.cols; }

int pw_image_height(const pw_image *image) { return image == nullptr ? 0 : image->mat.rows; }

int pw_image_grey_histogram(const pw_image *image, int x, int y, int width, int height, uint32_t out_counts[256],
                            char *err, size_t err_len) {
    if (image == nullptr || out_counts == nullptr) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no image or output pointer");
    const cv::Rect region(x, y, width, height);
    if (const int code = pwshim::check_region(image, region, err, err_len); code != PW_OK) return code;
    return guarded(PW_ERR_INVALID_ARGUMENT, err, err_len, [&] {
        const cv::Mat area = image->mat(region);
        // Every 4th pixel of every 4th row: a frame's light needs no more, and the whole frame's
        // grey conversion would cost more than the rest of a steady photo's reading.
        const int step = 4;
        std::fill(out_counts, out_counts + 256, 0u);
        for (int row = 0; row < area.rows; row += step) {
            const cv::Vec3b *pixels = area.ptr<cv::Vec3b>(row);
            for (int column = 0; column < area.cols; column += step) {
                const cv::Vec3b &bgr = pixels[column];
                // OpenCV's BGR-to-grey weights (0.114, 0.587, 0.299) in fixed point.
                ++out_counts[(bgr[0] * 7471 + bgr[1] * 38470 + bgr[2] * 19595 + 32768) >> 16];
            }
        }
        return static_cast<int>(PW_OK);
    });
}

int pw_image_blur(const pw_image *image, double sigma, pw_image **out_image, char *err, size_t err_len) {
    if (image == nullptr || out_image == nullptr) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no image or output pointer");
    *out_image = nullptr;
    if (!(sigma > 0)) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "sigma must be positive");
    return guarded(PW_ERR_INVALID_ARGUMENT, err, err_len, [&] {
        cv::Mat smoothed;
        cv::GaussianBlur(image->mat, smoothed, cv::Size(), sigma);
        *out_image = new pw_image{smoothed};
        return static_cast<int>(PW_OK);
    });
}

int pw_image_sharpen(const pw_image *image, double sigma, double amount, pw_image **out_image, char *err, size_t err_len) {
    if (image == nullptr || out_image == nullptr) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no image or output pointer");
    *out_image = nullptr;
    if (!(sigma > 0) || !(amount >= 0)) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "sigma must be positive, amount not negative");
    return guarded(PW_ERR_INVALID_ARGUMENT, err, err_len, [&] {
        cv::Mat smoothed, sharpened;
        cv::GaussianBlur(image->mat, smoothed, cv::Size(), sigma);
        cv::addWeighted(image->mat, 1 + amount, smoothed, -amount, 0, sharpened);
        *out_image = new pw_image{sharpened};
        return static_cast<int>(PW_OK);
    });
}

int pw_image_detail(const pw_image *image, int x, int y, int width, int height, double shrink, double *out_variance,
                    double *out_smoothed_variance, char *err, size_t err_len) {
    if (image == nullptr || out_variance == nullptr || out_smoothed_variance == nullptr)
        return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no image or output pointer");
    const cv::Rect region(x, y, width, height);
    if (const int code = pwshim::check_region(image, region, err, err_len); code != PW_OK) return code;
    if (!(shrink >= 1)) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "shrink must be at least 1");
    return guarded(PW_ERR_INVALID_ARGUMENT, err, err_len, [&] {
        cv::Mat small, grey, smoothed;
        const cv::Size size(std::max(1, static_cast<int>(width / shrink)), std::max(1, static_cast<int>(height / shrink)));
        // Sampled, not averaged: a few pixels of each output pixel's neighbourhood cost a tenth of
        // the whole region's, and the aliasing this leaves only adds detail where there was some.
        if (size != region.size()) cv::resize(image->mat(region), small, size, 0, 0, cv::INTER_LINEAR); else small = image->mat(region);
        cv::cvtColor(small, grey, cv::COLOR_BGR2GRAY);
        cv::GaussianBlur(grey, smoothed, cv::Size(), 1.0);
        *out_variance = pwshim::laplacian_variance(grey);
        *out_smoothed_variance = pwshim::laplacian_variance(smoothed);
        return static_cast<int>(PW_OK);
    });
}

int pw_image_resize(const pw_image *image, int width, int height, pw_image **out_image, char *err, size_t err_len) {
    if (image == nullptr || out_image == nullptr) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no image or output pointer");
    *out_image = nullptr;
    if (width < 1 || height < 1) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "width and height must be positive");
    return guarded(PW_ERR_INVALID_ARGUMENT, err, err_len, [&] {
        cv::Mat resized;
        cv::resize(image->mat, resized, cv::Size(width, height), 0, 0, cv::INTER_AREA);
        *out_image = new pw_image{resized};
        return static_cast<int>(PW_OK);
    });
}

int pw_image_lut(const pw_image *image, const uint8_t table[256], pw_image **out_image, char *err, size_t err_len) {
    if (image == nullptr || table == nullptr || out_image == nullptr)
        return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no image, table or output pointer");
    *out_image = nullptr;
    return guarded(PW_ERR_INVALID_ARGUMENT, err, err_len, [&] {
        cv::Mat mapped;
        cv::LUT(image->mat, cv::Mat(1, 256, CV_8U, const_cast<uint8_t *>(table)), mapped);
        *out_image = new pw_image{mapped};
        return static_cast<int>(PW_OK);
    });
}

int pw_image_gamma_map(const pw_image *image, const float *gammas, int columns, int rows, pw_image **out_image,
                       char *err, size_t err_len) {
    if (image == nullptr || gammas == nullptr || out_image == nullptr)
        return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no image, gammas or output pointer");
    *out_image = nullptr;
    if (columns <= 0 || rows <= 0) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "the gamma grid is empty");
    if (image->mat.empty() || image->mat.type() != CV_8UC3) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "not an 8-bit BGR image");
    return guarded(PW_ERR_INVALID_ARGUMENT, err, err_len, [&] {
        cv::Mat grid(rows, columns, CV_32F, const_cast<float *>(gammas)), gamma;
        cv::resize(grid, gamma, image->mat.size(), 0, 0, cv::INTER_LINEAR);
        cv::Mat levels;
        image->mat.convertTo(levels, CV_32FC3, 1.0 / 255);
        // (v / 255)^g as exp(g log(v / 255)); black stays black (a floor of 1e-9 maps to under half a level).
        cv::max(levels, 1e-9, levels);
        cv::log(levels, levels);
        cv::Mat gammas3;
        cv::merge(std::vector<cv::Mat>{gamma, gamma, gamma}, gammas3);
        cv::multiply(levels, gammas3, levels);
        cv::exp(levels, levels);
        cv::Mat mapped;
        levels.convertTo(mapped, CV_8UC3, 255.0);
        *out_image = new pw_image{mapped};
        return static_cast<int>(PW_OK);
    });
}

int pw_net_load_onnx(const char *path, pw_net **out_net, char *err, size_t err_len) {
    if (path == nullptr || out_net == nullptr) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no path or output pointer");
    *out_net = nullptr;
    cv::dnn::Net net;
    const int status = pwshim::load_onnx(path, net, err, err_len);
    if (status == PW_OK) *out_net = new pw_net{net};
    return status;
}

void pw_net_free(pw_net *net) { delete net; }

int pw_net_forward_letterboxed(pw_net *net, const pw_image *image,
                               int roi_x, int roi_y, int roi_w, int roi_h, int input_size, int align,
                               float *output, size_t output_capacity,
                               int *out_rows, int *out_columns, float *out_scale,
                               int *out_input_w, int *out_input_h, char *err, size_t err_len) {
    if (net == nullptr || image == nullptr || output == nullptr || out_rows == nullptr ||
        out_columns == nullptr || out_scale == nullptr || out_input_w == nullptr || out_input_h == nullptr)
        return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "missing argument");
    if (align <= 0 || input_size < align || input_size % align != 0)
        return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "input size is not a positive multiple of the alignment");
    const cv::Rect roi(roi_x, roi_y, roi_w, roi_h);
    if (roi.empty() || (roi & cv::Rect(0, 0, image->mat.cols, image->mat.rows)) != roi)
        return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "region is empty or outside the image");
    return guarded(PW_ERR_INFERENCE, err, err_len, [&] {
        const cv::Mat canvas = letterbox(image->mat(roi), input_size, align, out_scale);
        *out_input_w = canvas.cols;
        *out_input_h = canvas.rows;
        // BGR 0..255 as the model was trained: no scaling, no mean, no channel swap.
        const cv::Mat blob = cv::dnn::blobFromImage(canvas, 1.0, cv::Size(), cv::Scalar(), false, false, CV_32F);
        net->net.setInput(blob);
        cv::Mat result = net->net.forward();
        if (result.dims < 2 || result.type() != CV_32F)
            return fail(PW_ERR_INFERENCE, err, err_len, "unexpected output shape or type");
        if (!result.isContinuous()) result = result.clone();
        *out_rows = result.size[result.dims - 2];
        *out_columns = result.size[result.dims - 1];
        const size_t count = result.total();
        if (count > output_capacity)
            return fail(PW_ERR_BUFFER_TOO_SMALL, err, err_len,
                        "output has " + std::to_string(count) + " floats, buffer holds " +
                            std::to_string(output_capacity));
        std::memcpy(output, result.ptr<float>(), count * sizeof(float));
        return static_cast<int>(PW_OK);
    });
}

void pw_opencv_version(char *buffer, size_t buffer_len) { pwshim::copy_text(buffer, buffer_len, CV_VERSION); }

int pw_set_thread_count(int count, char *err, size_t err_len) {
    return guarded(PW_ERR_INVALID_ARGUMENT, err, err_len, [&] {
        cv::setNumThreads(count);
        return static_cast<int>(PW_OK);
    });
}

int pw_cpu_count(void) { return cv::getNumberOfCPUs(); }

}  // extern "C"
