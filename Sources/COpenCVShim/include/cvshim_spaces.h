/*
 * cvshim_spaces.h - OpenCV work for parking spaces: mask outlines, space crops,
 * the space classifier and overlay images. Same rules as cvshim.h: plain C,
 * 0 or a PW_ERR_* code, a one-line reason in `err`, no C++ exception escapes.
 * Geometry decisions (corner order, row ordering, thresholds) stay in Swift.
 */
#ifndef PARKWATCH_CVSHIM_SPACES_H
#define PARKWATCH_CVSHIM_SPACES_H

#include "cvshim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Mask import ------------------------------------------------------- */

/* The white (> 127) 8-connected components of a decoded mask, each with its outline. */
typedef struct pw_mask_outlines pw_mask_outlines;

/*
 * Decodes an encoded mask (any format OpenCV reads; colour is converted to grey),
 * labels its components and traces each one's outer contour, simplified by
 * approxPolyDP with epsilon = epsilon_fraction * contour length.
 */
int pw_mask_outlines_extract(const uint8_t *data, size_t length, double epsilon_fraction,
                             pw_mask_outlines **out_outlines, char *err, size_t err_len);
void pw_mask_outlines_free(pw_mask_outlines *outlines);
int pw_mask_outlines_width(const pw_mask_outlines *outlines);
int pw_mask_outlines_height(const pw_mask_outlines *outlines);
int pw_mask_outlines_count(const pw_mask_outlines *outlines);

/* Pixel count, centroid and outline size of component `index` (0-based). */
int pw_mask_outline_info(const pw_mask_outlines *outlines, int index, int *out_area,
                         double *out_cx, double *out_cy, int *out_point_count);

/* Copies component `index`'s outline as x0, y0, x1, y1, ... into `xy` (2 * point count doubles). */
int pw_mask_outline_points(const pw_mask_outlines *outlines, int index, double *xy, size_t capacity);

/* ---- Geometry that needs OpenCV ---------------------------------------- */

/* The 4 corners (boxPoints order, x0, y0, ... x3, y3) of minAreaRect of `count` points. */
int pw_min_area_rect_corners(const double *xy, int count, double *out_corners,
                             char *err, size_t err_len);

/* ---- Space crops and the classifier ------------------------------------ */

/*
 * Warps the quad (x0, y0, ... x3, y3 = top-left, top-right, bottom-right, bottom-left) of
 * `image` to size x size BGR (INTER_LINEAR, BORDER_REPLICATE) into `out_bgr`
 * (size * size * 3 bytes, row-major, interleaved).
 */
int pw_space_crop(const pw_image *image, const double *quad, int size,
                  uint8_t *out_bgr, size_t capacity, char *err, size_t err_len);

/* A loaded space classifier (cv::dnn::Net). Not thread-safe: one thread at a time. */
typedef struct pw_space_classifier pw_space_classifier;

int pw_space_classifier_load(const char *path, pw_space_classifier **out_classifier,
                             char *err, size_t err_len);
void pw_space_classifier_free(pw_space_classifier *classifier);

/*
 * Crops `count` quads (8 doubles each, as for pw_space_crop) to size x size, runs one
 * batched forward on [count, 3, size, size] float32 BGR 0..1 and copies the [count, 2]
 * probabilities to `out_probs`. For each crop also writes its mean grey level
 * (`out_brightness`, 0..255) and the variance of its Laplacian (`out_sharpness`).
 */
int pw_space_classify(pw_space_classifier *classifier, const pw_image *image,
                      const double *quads, int count, int size,
                      float *out_probs, double *out_brightness, double *out_sharpness,
                      char *err, size_t err_len);

/* ---- Overlay images ----------------------------------------------------- */

/* Encoded bytes owned by the shim. */
typedef struct pw_buffer pw_buffer;

const uint8_t *pw_buffer_data(const pw_buffer *buffer);
size_t pw_buffer_size(const pw_buffer *buffer);
void pw_buffer_free(pw_buffer *buffer);

/* Fill colour of each polygon: */
enum { PW_SPACE_FREE = 0, PW_SPACE_OCCUPIED = 1, PW_SPACE_UNKNOWN = 2 };

/*
 * Draws `count` polygons over a copy of `image`: translucent fill by state, an outline,
 * `labels[i]` centred on (anchors[2i], anchors[2i+1]), and `banner` across the top.
 * Polygon i has point_counts[i] points, all concatenated in `xy`. The picture is encoded
 * for `extension` (".png", ".jpg", ...) into a new buffer.
 */
int pw_overlay_render(const pw_image *image, const double *xy, const int *point_counts,
                      const int *states, const char *const *labels, const double *anchors,
                      int count, const char *banner, const char *extension,
                      pw_buffer **out_buffer, char *err, size_t err_len);

#ifdef __cplusplus
}
#endif

#endif /* PARKWATCH_CVSHIM_SPACES_H */
