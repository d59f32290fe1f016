/*
 * cvshim_registration.h - where a camera's reference view lies in a new frame.
 *
 * ORB features of both images, matched and filtered by Lowe's ratio test, then a RANSAC fit: a
 * similarity (shift, turn, zoom), or a full homography where it explains far more matches.
 * Used to notice a camera that moved and to carry its layout along.
 */
#ifndef PARKWATCH_CVSHIM_REGISTRATION_H
#define PARKWATCH_CVSHIM_REGISTRATION_H

#include "cvshim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A homography from reference pixels to frame pixels (row-major 3x3), and the evidence for it. */
typedef struct {
    double matrix[9];
    /* Feature matches that passed the ratio test. */
    int matches;
    /* Matches the homography explains within the RANSAC threshold; 0 when none was found. */
    int inliers;
} pw_registration;

/*
 * Registers `frame` against `reference`. Both are looked at with their long side scaled to at
 * most `max_side` pixels (speed); the matrix is in full-size pixels of each. Finding no
 * homography is not an error: `inliers` is 0 and the matrix is the identity.
 */
int pw_register_views(const pw_image *reference, const pw_image *frame, int max_side,
                      pw_registration *out, char *err, size_t err_len);

#ifdef __cplusplus
}
#endif

#endif
