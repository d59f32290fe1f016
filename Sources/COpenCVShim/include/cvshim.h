/*
 * cvshim.h - the only door between Swift and OpenCV.
 *
 * Plain C so Swift can import it without C++ interop. Every function that can
 * fail returns 0 on success or a non-zero PW_ERR_* code, and writes a one-line
 * reason into the caller's `err` buffer (always NUL-terminated when err_len > 0).
 * No C++ exception ever crosses this boundary.
 *
 * Beside it: cvshim_spaces.h (masks, space crops, the classifier, overlays) and
 * cvshim_video.h (video files and streams in, video files out).
 */
#ifndef PARKWATCH_CVSHIM_H
#define PARKWATCH_CVSHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    PW_OK = 0,
    PW_ERR_INVALID_ARGUMENT = 1,
    PW_ERR_DECODE = 2,
    PW_ERR_MODEL_LOAD = 3,
    PW_ERR_INFERENCE = 4,
    PW_ERR_BUFFER_TOO_SMALL = 5
};

/* A decoded 8-bit BGR image (cv::Mat). Immutable once decoded. */
typedef struct pw_image pw_image;

/* A loaded cv::dnn::Net. Not thread-safe: use from one thread at a time. */
typedef struct pw_net pw_net;

/* Decodes an encoded image (PNG, JPEG, ...) as 3-channel BGR (IMREAD_COLOR). */
int pw_image_decode(const uint8_t *data, size_t length, pw_image **out_image,
                    char *err, size_t err_len);
void pw_image_free(pw_image *image);
int pw_image_width(const pw_image *image);
int pw_image_height(const pw_image *image);

/* How many of the image's region at (x, y) of width x height pixels (inside the image) have each
 * grey level (BGR to grey), 0...255, counting every 4th pixel of every 4th row. */
int pw_image_grey_histogram(const pw_image *image, int x, int y, int width, int height, uint32_t out_counts[256],
                            char *err, size_t err_len);

/* A new image smoothed by a Gaussian of `sigma` pixels (cv::GaussianBlur). */
int pw_image_blur(const pw_image *image, double sigma, pw_image **out_image, char *err, size_t err_len);

/* A new image sharpened by an unsharp mask: (1 + amount) * image - amount * (the image smoothed by a
 * Gaussian of `sigma` pixels), saturated to 0...255. */
int pw_image_sharpen(const pw_image *image, double sigma, double amount, pw_image **out_image, char *err, size_t err_len);

/* How much fine detail the image's region at (x, y) of width x height pixels (inside the image)
 * holds once it is shrunk `shrink` times (sampled, INTER_LINEAR; 1: as it is): the variance of its
 * grey levels' Laplacian (3x3), and the same after a Gaussian of 1 pixel. */
int pw_image_detail(const pw_image *image, int x, int y, int width, int height, double shrink, double *out_variance,
                    double *out_smoothed_variance, char *err, size_t err_len);

/* A new image of width x height pixels, averaged over the source's pixels it covers (cv::resize,
 * INTER_AREA): the frame a lower-resolution camera would take. */
int pw_image_resize(const pw_image *image, int width, int height, pw_image **out_image, char *err, size_t err_len);

/* A new image whose every channel level v is table[v] (cv::LUT). */
int pw_image_lut(const pw_image *image, const uint8_t table[256], pw_image **out_image, char *err, size_t err_len);

/* A new image whose every channel level v at each pixel is 255 * (v / 255)^g, g interpolated
 * bilinearly between the centres of a grid of `columns` x `rows` gammas (row by row) laid over it. */
int pw_image_gamma_map(const pw_image *image, const float *gammas, int columns, int rows, pw_image **out_image,
                       char *err, size_t err_len);

/* Loads an ONNX model with the default (OpenCV) backend on the CPU. */
int pw_net_load_onnx(const char *path, pw_net **out_net, char *err, size_t err_len);
void pw_net_free(pw_net *net);

/*
 * Runs one forward pass on the region (roi_x, roi_y, roi_w, roi_h) of `image`:
 * the region is resized by scale = min(input_size / roi_w, input_size / roi_h),
 * placed in the top-left corner of a canvas of value 114 whose sides are the resized
 * region's, each rounded up to a multiple of `align` (input_size, itself a multiple of
 * `align`, at most), and fed as a float32 BGR 0..255 NCHW blob.
 * The raw output (last two dimensions: rows x columns) is copied into `output`,
 * which holds `output_capacity` floats. The scale used goes to `out_scale`, the
 * canvas's width and height to `out_input_w` and `out_input_h`.
 */
int pw_net_forward_letterboxed(pw_net *net, const pw_image *image,
                               int roi_x, int roi_y, int roi_w, int roi_h, int input_size, int align,
                               float *output, size_t output_capacity,
                               int *out_rows, int *out_columns, float *out_scale,
                               int *out_input_w, int *out_input_h, char *err, size_t err_len);

/* OpenCV's version string (CV_VERSION), e.g. "4.6.0". */
void pw_opencv_version(char *buffer, size_t buffer_len);

/* cv::setNumThreads: 0 = sequential, negative = OpenCV's default. */
int pw_set_thread_count(int count, char *err, size_t err_len);

/* cv::getNumberOfCPUs: the cores this process may run on (its CPU affinity counts). */
int pw_cpu_count(void);

#ifdef __cplusplus
}
#endif

#endif /* PARKWATCH_CVSHIM_H */
