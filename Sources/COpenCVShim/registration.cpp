// Image registration for layouts that follow a camera that moved (cvshim_registration.h).

#include "cvshim_registration.h"
#include "shim_internal.hpp"

#include <opencv2/calib3d.hpp>
#include <opencv2/features2d.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <vector>

using namespace pwshim;

namespace {

// Grey, shrunk so the long side is at most `max_side`; `scale` is small / full.
cv::Mat shrunk_grey(const cv::Mat &bgr, int max_side, double &scale) {
    cv::Mat grey;
    cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
    const int longest = std::max(grey.cols, grey.rows);
    scale = longest > max_side ? static_cast<double>(max_side) / longest : 1.0;
    if (scale < 1.0) cv::resize(grey, grey, cv::Size(), scale, scale, cv::INTER_AREA);
    return grey;
}

// A similarity (shift, turn, zoom) unless a full homography explains half as many matches again:
// fitted to a few dozen matches among moving shadows, a homography's extra freedom bends the
// layout by tens of pixels where a similarity stays within a few. Returns the inliers (0: none).
int best_fit(const std::vector<cv::Point2f> &from, const std::vector<cv::Point2f> &to, cv::Mat &out) {
    // RANSAC draws from the calling thread's generator, whose state depends on what ran there
    // before: a fixed seed makes a frame's fit the same on every thread and every run.
    cv::theRNG().state = 0x5eed;
    std::vector<unsigned char> similar_mask, full_mask;
    cv::Mat similar = cv::estimateAffinePartial2D(from, to, similar_mask, cv::RANSAC, 3.0);
    cv::Mat full = cv::findHomography(from, to, cv::RANSAC, 3.0, full_mask);
    const int similar_inliers = similar.empty() ? 0 : cv::countNonZero(similar_mask);
    const int full_inliers = full.empty() ? 0 : cv::countNonZero(full_mask);
    if (full_inliers > 0 && full_inliers >= 100 && full_inliers * 2 > similar_inliers * 3) {
        out = full;
        return full_inliers;
    }
    if (similar_inliers == 0) return 0;
    out = cv::Mat::eye(3, 3, CV_64F);
    similar.copyTo(out.rowRange(0, 2));
    return similar_inliers;
}

void identity(double *matrix) {
    for (int i = 0; i < 9; i++) matrix[i] = (i % 4 == 0) ? 1.0 : 0.0;
}

}  // namespace

int pw_register_views(const pw_image *reference, const pw_image *frame, int max_side,
                      pw_registration *out, char *err, size_t err_len) {
    if (reference == nullptr || frame == nullptr || out == nullptr || max_side < 64)
        return fail(PW_ERR_INVALID_ARGUMENT, err, err_len, "missing image or output, or max_side below 64");
    return guarded(PW_ERR_INVALID_ARGUMENT, err, err_len, [&] {
        identity(out->matrix);
        out->matches = 0;
        out->inliers = 0;
        double reference_scale = 1, frame_scale = 1;
        const cv::Mat a = shrunk_grey(reference->mat, max_side, reference_scale);
        const cv::Mat b = shrunk_grey(frame->mat, max_side, frame_scale);
        auto orb = cv::ORB::create(2500);
        std::vector<cv::KeyPoint> keys_a, keys_b;
        cv::Mat descriptors_a, descriptors_b;
        orb->detectAndCompute(a, cv::noArray(), keys_a, descriptors_a);
        orb->detectAndCompute(b, cv::noArray(), keys_b, descriptors_b);
        if (descriptors_a.empty() || descriptors_b.empty()) return static_cast<int>(PW_OK);
        std::vector<std::vector<cv::DMatch>> pairs;
        cv::BFMatcher(cv::NORM_HAMMING).knnMatch(descriptors_a, descriptors_b, pairs, 2);
        std::vector<cv::Point2f> from, to;
        for (const auto &pair : pairs) {
            if (pair.size() < 2 || pair[0].distance >= 0.75f * pair[1].distance) continue;
            from.push_back(keys_a[pair[0].queryIdx].pt);
            to.push_back(keys_b[pair[0].trainIdx].pt);
        }
        out->matches = static_cast<int>(from.size());
        if (from.size() < 8) return static_cast<int>(PW_OK);
        cv::Mat h;
        out->inliers = best_fit(from, to, h);
        if (out->inliers == 0) return static_cast<int>(PW_OK);
        // Back to full-size pixels: frame = S_b^-1 * H * S_a, with S the shrink of each image.
        cv::Mat shrink_a = cv::Mat::eye(3, 3, CV_64F), grow_b = cv::Mat::eye(3, 3, CV_64F);
        shrink_a.at<double>(0, 0) = shrink_a.at<double>(1, 1) = reference_scale;
        grow_b.at<double>(0, 0) = grow_b.at<double>(1, 1) = 1.0 / frame_scale;
        cv::Mat full = grow_b * h * shrink_a;
        full /= full.at<double>(2, 2);
        for (int i = 0; i < 9; i++) out->matrix[i] = full.at<double>(i / 3, i % 3);
        return static_cast<int>(PW_OK);
    });
}
