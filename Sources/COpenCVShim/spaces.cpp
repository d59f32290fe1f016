// OpenCV calls for parking spaces. Which corners, which order and which thresholds are
// decided in Swift (ParkWatchSpaces); this file only runs OpenCV on what it is given.
#include "cvshim_spaces.h"
#include "shim_internal.hpp"

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <string>
#include <vector>

struct pw_mask_outlines {
    struct Component {
        int area;
        double cx, cy;
        std::vector<cv::Point> outline;
    };
    int width = 0, height = 0;
    std::vector<Component> components;
};

struct pw_space_classifier {
    cv::dnn::Net net;
};

struct pw_buffer {
    std::vector<uint8_t> bytes;
};

namespace {

using pwshim::fail;
using pwshim::guarded;

// The outer outline of component `label`, traced only inside its (padded) bounding box.
std::vector<cv::Point> component_outline(const cv::Mat &labels, const cv::Rect &box, int label,
                                         double epsilon_fraction) {
    const cv::Rect padded = (box + cv::Size(2, 2) - cv::Point(1, 1)) & cv::Rect(0, 0, labels.cols, labels.rows);
    const cv::Mat only = labels(padded) == label;
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(only, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE, padded.tl());
    if (contours.empty()) return {};
    const auto largest = std::max_element(contours.begin(), contours.end(), [](const auto &a, const auto &b) {
        return cv::contourArea(a) < cv::contourArea(b);
    });
    std::vector<cv::Point> simplified;
    cv::approxPolyDP(*largest, simplified, epsilon_fraction * cv::arcLength(*largest, true), true);
    // A sliver can collapse to a line; its raw contour is still a usable polygon.
    return simplified.size() >= 3 ? simplified : *largest;
}

// A space more than twice the crop's side across (square root of its quad's area) is first
// shrunk with INTER_AREA around its bounding box to that side: a bilinear warp alone would sample
// a few of its pixels and alias fine texture (gravel, leaves, sensor noise) into the crop.
cv::Mat shrink_large(const cv::Mat &image, cv::Point2f (&source)[4], int size) {
    const std::vector<cv::Point2f> corners(source, source + 4);
    const double scale = size / std::sqrt(std::max(1.0, cv::contourArea(corners)));
    if (scale >= 0.5) return image;
    const cv::Rect box = (cv::boundingRect(corners) + cv::Size(4, 4) - cv::Point(2, 2)) & cv::Rect(0, 0, image.cols, image.rows);
    if (box.area() == 0) return image;
    cv::Mat shrunk;
    cv::resize(image(box), shrunk, cv::Size(std::max(1, static_cast<int>(std::lround(box.width * scale))),
                                            std::max(1, static_cast<int>(std::lround(box.height * scale)))), 0, 0, cv::INTER_AREA);
    const float sx = static_cast<float>(shrunk.cols) / box.width, sy = static_cast<float>(shrunk.rows) / box.height;
    // Pixel centres: a shrunk pixel i covers the box's [i / s, (i + 1) / s).
    for (auto &p : source) p = cv::Point2f((p.x - box.x + 0.5f) * sx - 0.5f, (p.y - box.y + 0.5f) * sy - 0.5f);
    return shrunk;
}

// Destination corners of the contract: (0,0), (S-1,0), (S-1,S-1), (0,S-1).
cv::Mat warp_quad(const cv::Mat &image, const double *quad, int size) {
    cv::Point2f source[4], target[4];
    const float last = static_cast<float>(size - 1);
    const cv::Point2f corners[4] = {{0, 0}, {last, 0}, {last, last}, {0, last}};
    for (int i = 0; i < 4; i++) {
        source[i] = cv::Point2f(static_cast<float>(quad[2 * i]), static_cast<float>(quad[2 * i + 1]));
        target[i] = corners[i];
    }
    const cv::Mat sampled = shrink_large(image, source, size);
    const cv::Mat transform = cv::getPerspectiveTransform(source, target);
    cv::Mat crop;
    cv::warpPerspective(sampled, crop, transform, cv::Size(size, size), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    return crop;
}

// Mean grey level and variance of the Laplacian: cheap "can the camera see this space" signals.
// Sharpness is measured on the space at the camera's own resolution (its quad warped to a square
// of its own size, at most `size`): enlarging a far space's few pixels to the crop blurs it, and
// would make every small space look like a covered lens.
void view_quality(const cv::Mat &image, const double *quad, const cv::Mat &crop, int size,
                  double *brightness, double *sharpness) {
    std::vector<cv::Point2f> corners;
    for (int i = 0; i < 4; i++) corners.emplace_back(static_cast<float>(quad[2 * i]), static_cast<float>(quad[2 * i + 1]));
    const int side = std::clamp(static_cast<int>(std::lround(std::sqrt(cv::contourArea(corners)))), std::min(8, size), size);
    const cv::Mat native = side == size ? crop : warp_quad(image, quad, side);
    cv::Mat grey;
    cv::cvtColor(crop, grey, cv::COLOR_BGR2GRAY);
    *brightness = cv::mean(grey)[0];
    cv::cvtColor(native, grey, cv::COLOR_BGR2GRAY);
    *sharpness = pwshim::laplacian_variance(grey);
}

cv::Scalar state_colour(int state) {
    switch (state) {
        case PW_SPACE_FREE: return cv::Scalar(40, 200, 40);
        case PW_SPACE_OCCUPIED: return cv::Scalar(40, 40, 230);
        default: return cv::Scalar(170, 170, 170);
    }
}

// White text on a dark box so it stays legible on any background; `centre` is the box's middle.
// The text shrinks to fit `room`, so on a dense lot of small spaces the label leaves the state
// colour visible around it.
void draw_label(cv::Mat &canvas, const std::string &text, cv::Point centre, const cv::Rect &room, double scale) {
    int baseline = 0;
    const cv::Size unit = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, 1.0, 1, &baseline);
    const double fit = std::min(0.45 * room.height / std::max(1, unit.height), 0.8 * room.width / std::max(1, unit.width));
    // Under this scale a label is unreadable; a space too small for it keeps its colour alone:
    // a far row's labels, drawn over their neighbours, would hide every space of the row.
    constexpr double smallest = 0.35;
    if (text.empty() || fit < smallest) return;
    scale = std::min(scale, fit);
    const int thickness = std::max(1, cvRound(scale * 1.6));
    const cv::Size size = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, scale, thickness, &baseline);
    const int pad = std::max(2, size.height / 4);
    const cv::Point origin(centre.x - size.width / 2, centre.y + size.height / 2);
    cv::rectangle(canvas, cv::Point(origin.x - pad, origin.y - size.height - pad),
                  cv::Point(origin.x + size.width + pad, origin.y + baseline), cv::Scalar(25, 25, 25), cv::FILLED);
    cv::putText(canvas, text, origin, cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(255, 255, 255), thickness, cv::LINE_AA);
}

/// The frame corner where a box of this size hides the least of the spaces, top-left on a tie, so
/// the banner never covers a space's label when a corner is clear.
cv::Rect clearest_corner(const cv::Size &box, const cv::Size &frame, const std::vector<cv::Rect> &spaces) {
    const int right = std::max(0, frame.width - box.width), bottom = std::max(0, frame.height - box.height);
    const cv::Point corners[] = {{0, 0}, {right, 0}, {0, bottom}, {right, bottom}};
    cv::Rect best;
    double hidden = -1;
    for (const auto &corner : corners) {
        const cv::Rect candidate = cv::Rect(corner, box) & cv::Rect(cv::Point(0, 0), frame);
        double area = 0;
        for (const auto &space : spaces) area += (candidate & space).area();
        if (hidden < 0 || area < hidden) best = candidate, hidden = area;
    }
    return best;
}

void draw_banner(cv::Mat &canvas, const std::string &text, double scale, int thickness, const std::vector<cv::Rect> &spaces) {
    int baseline = 0;
    const cv::Size size = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, scale, thickness, &baseline);
    const int pad = size.height / 2 + 2;
    // Only as wide as the text, so spaces along the same edge stay visible beside it.
    const cv::Rect box = clearest_corner(cv::Size(size.width + 2 * pad, size.height + baseline + 2 * pad), canvas.size(), spaces);
    cv::Mat strip = canvas(box);
    strip = strip * 0.2;
    cv::putText(canvas, text, box.tl() + cv::Point(pad, pad + size.height), cv::FONT_HERSHEY_SIMPLEX, scale,
                cv::Scalar(255, 255, 255), thickness, cv::LINE_AA);
}

std::vector<std::vector<cv::Point>> polygons_from(const double *xy, const int *point_counts, int count) {
    std::vector<std::vector<cv::Point>> polygons(count);
    size_t next = 0;
    for (int i = 0; i < count; i++) {
        for (int p = 0; p < point_counts[i]; p++, next++)
            polygons[i].emplace_back(cvRound(xy[2 * next]), cvRound(xy[2 * next + 1]));
    }
    return polygons;
}

}  // namespace

extern "C" {

int pw_mask_outlines_extract(const uint8_t *data, size_t length, double epsilon_fraction,
                             pw_mask_outlines **out_outlines, char *err, size_t err_len) {
    if (out_outlines == nullptr) return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no output pointer");
    *out_outlines = nullptr;
    if (data == nullptr || length == 0) return fail(PW_ERR_DECODE, err, err_len, "no bytes to decode");
    if (length > static_cast<size_t>(INT_MAX)) return fail(PW_ERR_DECODE, err, err_len, "more than 2 GiB of encoded bytes");
    return guarded(PW_ERR_DECODE, err, err_len, [&] {
        const cv::Mat encoded(1, static_cast<int>(length), CV_8UC1, const_cast<uint8_t *>(data));
        const cv::Mat grey = cv::imdecode(encoded, cv::IMREAD_GRAYSCALE);
        if (grey.empty()) return fail(PW_ERR_DECODE, err, err_len, "OpenCV found no decodable image in the bytes");
        cv::Mat labels, stats, centroids;
        const int labelled = cv::connectedComponentsWithStats(grey > 127, labels, stats, centroids, 8, CV_32S);
        auto result = std::make_unique<pw_mask_outlines>();
        result->width = grey.cols;
        result->height = grey.rows;
        for (int label = 1; label < labelled; label++) {
            const cv::Rect box(stats.at<int>(label, cv::CC_STAT_LEFT), stats.at<int>(label, cv::CC_STAT_TOP),
                               stats.at<int>(label, cv::CC_STAT_WIDTH), stats.at<int>(label, cv::CC_STAT_HEIGHT));
            result->components.push_back({stats.at<int>(label, cv::CC_STAT_AREA), centroids.at<double>(label, 0),
                                          centroids.at<double>(label, 1),
                                          component_outline(labels, box, label, epsilon_fraction)});
        }
        *out_outlines = result.release();
        return static_cast<int>(PW_OK);
    });
}

void pw_mask_outlines_free(pw_mask_outlines *outlines) { delete outlines; }
int pw_mask_outlines_width(const pw_mask_outlines *outlines) { return outlines ? outlines->width : 0; }
int pw_mask_outlines_height(const pw_mask_outlines *outlines) { return outlines ? outlines->height : 0; }
int pw_mask_outlines_count(const pw_mask_outlines *outlines) {
    return outlines ? static_cast<int>(outlines->components.size()) : 0;
}

int pw_mask_outline_info(const pw_mask_outlines *outlines, int index, int *out_area,
                         double *out_cx, double *out_cy, int *out_point_count) {
    if (outlines == nullptr || index < 0 || index >= pw_mask_outlines_count(outlines)) return PW_ERR_INVALID_ARGUMENT;
    const auto &component = outlines->components[index];
    *out_area = component.area;
    *out_cx = component.cx;
    *out_cy = component.cy;
    *out_point_count = static_cast<int>(component.outline.size());
    return PW_OK;
}

int pw_mask_outline_points(const pw_mask_outlines *outlines, int index, double *xy, size_t capacity) {
    if (outlines == nullptr || index < 0 || index >= pw_mask_outlines_count(outlines)) return PW_ERR_INVALID_ARGUMENT;
    const auto &outline = outlines->components[index].outline;
    if (xy == nullptr || capacity < 2 * outline.size()) return PW_ERR_BUFFER_TOO_SMALL;
    for (size_t i = 0; i < outline.size(); i++) {
        xy[2 * i] = outline[i].x;
        xy[2 * i + 1] = outline[i].y;
    }
    return PW_OK;
}

int pw_min_area_rect_corners(const double *xy, int count, double *out_corners, char *err, size_t err_len) {
    if (xy == nullptr || out_corners == nullptr || count < 1)
        return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no points or no output");
    return guarded(PW_ERR_INVALID_ARGUMENT, err, err_len, [&] {
        std::vector<cv::Point2f> points;
        for (int i = 0; i < count; i++) points.emplace_back(static_cast<float>(xy[2 * i]), static_cast<float>(xy[2 * i + 1]));
        cv::Point2f corners[4];
        cv::minAreaRect(points).points(corners);  // what cv2.boxPoints returns
        for (int i = 0; i < 4; i++) {
            out_corners[2 * i] = corners[i].x;
            out_corners[2 * i + 1] = corners[i].y;
        }
        return static_cast<int>(PW_OK);
    });
}

int pw_space_crop(const pw_image *image, const double *quad, int size,
                  uint8_t *out_bgr, size_t capacity, char *err, size_t err_len) {
    if (image == nullptr || quad == nullptr || out_bgr == nullptr || size < 2)
        return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "missing argument or crop size below 2");
    if (capacity < static_cast<size_t>(size) * size * 3)
        return fail(PW_ERR_BUFFER_TOO_SMALL, err, err_len, "crop buffer too small");
    return guarded(PW_ERR_INVALID_ARGUMENT, err, err_len, [&] {
        cv::Mat crop = warp_quad(image->mat, quad, size);
        if (!crop.isContinuous()) crop = crop.clone();
        std::memcpy(out_bgr, crop.ptr<uint8_t>(), static_cast<size_t>(size) * size * 3);
        return static_cast<int>(PW_OK);
    });
}

int pw_space_classifier_load(const char *path, pw_space_classifier **out_classifier, char *err, size_t err_len) {
    if (path == nullptr || out_classifier == nullptr)
        return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "no path or output pointer");
    *out_classifier = nullptr;
    cv::dnn::Net net;
    const int status = pwshim::load_onnx(path, net, err, err_len);
    if (status == PW_OK) *out_classifier = new pw_space_classifier{net};
    return status;
}

void pw_space_classifier_free(pw_space_classifier *classifier) { delete classifier; }

int pw_space_classify(pw_space_classifier *classifier, const pw_image *image,
                      const double *quads, int count, int size,
                      float *out_probs, double *out_brightness, double *out_sharpness,
                      char *err, size_t err_len) {
    if (classifier == nullptr || image == nullptr || quads == nullptr || out_probs == nullptr ||
        out_brightness == nullptr || out_sharpness == nullptr || count < 1 || size < 2)
        return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "missing argument, no spaces or crop size below 2");
    return guarded(PW_ERR_INFERENCE, err, err_len, [&] {
        std::vector<cv::Mat> crops;
        for (int i = 0; i < count; i++) {
            crops.push_back(warp_quad(image->mat, quads + 8 * i, size));
            view_quality(image->mat, quads + 8 * i, crops.back(), size, &out_brightness[i], &out_sharpness[i]);
        }
        // The contract's tensor: BGR as decoded, pixel / 255, NCHW, no mean.
        const cv::Mat blob = cv::dnn::blobFromImages(crops, 1.0 / 255.0, cv::Size(), cv::Scalar(), false, false, CV_32F);
        classifier->net.setInput(blob);
        cv::Mat result = classifier->net.forward();
        if (result.type() != CV_32F || result.total() != static_cast<size_t>(count) * 2 || result.size[0] != count)
            return fail(PW_ERR_INFERENCE, err, err_len, "classifier output is not [" + std::to_string(count) + ", 2] float32");
        if (!result.isContinuous()) result = result.clone();
        std::memcpy(out_probs, result.ptr<float>(), static_cast<size_t>(count) * 2 * sizeof(float));
        return static_cast<int>(PW_OK);
    });
}

const uint8_t *pw_buffer_data(const pw_buffer *buffer) { return buffer ? buffer->bytes.data() : nullptr; }
size_t pw_buffer_size(const pw_buffer *buffer) { return buffer ? buffer->bytes.size() : 0; }
void pw_buffer_free(pw_buffer *buffer) { delete buffer; }

int pw_overlay_render(const pw_image *image, const double *xy, const int *point_counts,
                      const int *states, const char *const *labels, const double *anchors,
                      int count, const char *banner, const char *extension,
                      pw_buffer **out_buffer, char *err, size_t err_len) {
    if (image == nullptr || out_buffer == nullptr || extension == nullptr || count < 0 ||
        (count > 0 && (xy == nullptr || point_counts == nullptr || states == nullptr || labels == nullptr || anchors == nullptr)))
        return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "missing argument");
    *out_buffer = nullptr;
    return guarded(PW_ERR_INVALID_ARGUMENT, err, err_len, [&] {
        cv::Mat canvas = image->mat.clone();
        const auto polygons = polygons_from(xy, point_counts, count);
        cv::Mat fill = canvas.clone();
        for (int i = 0; i < count; i++) cv::fillPoly(fill, std::vector<std::vector<cv::Point>>{polygons[i]}, state_colour(states[i]));
        cv::addWeighted(fill, 0.4, canvas, 0.6, 0, canvas);
        // Sizes follow the frame so a 4K frame is as readable as a 720p one.
        const double scale = std::clamp(std::min(canvas.cols, canvas.rows) / 1100.0, 0.4, 2.5);
        const int thickness = std::max(1, cvRound(scale * 2.5));
        cv::polylines(canvas, polygons, true, cv::Scalar(255, 255, 255), thickness + 1, cv::LINE_AA);
        for (int i = 0; i < count; i++) cv::polylines(canvas, polygons[i], true, state_colour(states[i]), thickness, cv::LINE_AA);
        std::vector<cv::Rect> bounds;
        for (const auto &polygon : polygons) bounds.push_back(cv::boundingRect(polygon));
        for (int i = 0; i < count; i++)
            draw_label(canvas, labels[i] ? labels[i] : "", cv::Point(cvRound(anchors[2 * i]), cvRound(anchors[2 * i + 1])),
                       bounds[i], scale);
        if (banner != nullptr && banner[0] != '\0')
            draw_banner(canvas, banner, scale * 1.6, std::max(1, cvRound(scale * 2.8)), bounds);
        auto buffer = std::make_unique<pw_buffer>();
        if (!cv::imencode(extension, canvas, buffer->bytes))
            return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, std::string("OpenCV could not encode as ") + extension);
        *out_buffer = buffer.release();
        return static_cast<int>(PW_OK);
    });
}

}  // extern "C"
