/*
 * cvshim_video.h - video files and live streams (cv::VideoCapture, FFmpeg backend) and
 * video files written frame by frame (cv::VideoWriter). Same rules as cvshim.h: plain C,
 * 0 or a PW_ERR_* code, a one-line reason in `err`, no C++ exception escapes.
 * Which frames to keep and when to give up on a stream is decided in Swift.
 */
#ifndef PARKWATCH_CVSHIM_VIDEO_H
#define PARKWATCH_CVSHIM_VIDEO_H

#include "cvshim.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    /* The file or URL could not be opened (missing file, refused connection, no decoder). */
    PW_ERR_VIDEO_OPEN = 20,
    /* No next frame: the end of a file, or a live stream that closed or timed out. */
    PW_ERR_VIDEO_END = 21,
    /* A frame arrived but could not be decoded or is not a usable image. */
    PW_ERR_VIDEO_READ = 22,
    PW_ERR_VIDEO_SEEK = 23,
    PW_ERR_VIDEO_WRITE = 24
};

/* An open cv::VideoCapture. Not thread-safe: one thread at a time. */
typedef struct pw_video pw_video;

/*
 * Opens a file path or a URL (rtsp://, http://...) with the FFmpeg backend. Timeouts in
 * milliseconds bound opening and each read (FFmpeg's interrupt callback); 0 keeps OpenCV's
 * defaults (30 s each).
 */
int pw_video_open(const char *source, int open_timeout_ms, int read_timeout_ms,
                  pw_video **out_video, char *err, size_t err_len);
void pw_video_free(pw_video *video);

/* Frame size, frames per second and frame count as the container reports them (0 when unknown). */
int pw_video_width(const pw_video *video);
int pw_video_height(const pw_video *video);
double pw_video_fps(const pw_video *video);
int64_t pw_video_frame_count(const pw_video *video);

/* Advances to the next frame without decoding it into an image (cheap skipping). */
int pw_video_grab(pw_video *video, char *err, size_t err_len);

/* Decodes the frame last grabbed as 3-channel BGR into a new image. */
int pw_video_retrieve(pw_video *video, pw_image **out_image, char *err, size_t err_len);

/* Timestamp of the frame last grabbed, in milliseconds from the start of the stream. */
double pw_video_position_ms(const pw_video *video);

/* Moves so that the next grab returns the frame at (or just after) `ms`. Files only. */
int pw_video_seek_ms(pw_video *video, double ms, char *err, size_t err_len);

/* ---- Writing ----------------------------------------------------------- */

typedef struct pw_video_writer pw_video_writer;

/* Opens `path` for `fourcc` (4 characters, e.g. "mp4v") frames of width x height at `fps`. */
int pw_video_writer_open(const char *path, const char *fourcc, double fps, int width, int height,
                         pw_video_writer **out_writer, char *err, size_t err_len);

/* Appends one frame; it must have the size the writer was opened with. */
int pw_video_writer_write(pw_video_writer *writer, const pw_image *image, char *err, size_t err_len);

/* Finishes the file (writes the container's index) and frees the writer. */
void pw_video_writer_free(pw_video_writer *writer);

/* Encodes `image` for the file name's extension (.jpg, .png) and writes it to `path`. */
int pw_image_write(const pw_image *image, const char *path, char *err, size_t err_len);

#ifdef __cplusplus
}
#endif

#endif /* PARKWATCH_CVSHIM_VIDEO_H */
