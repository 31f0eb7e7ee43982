// OpenBLAS: CBLAS plus the LAPACK routines Strata calls (Fortran symbols exported by libopenblas).
#include <cblas.h>

/// Symmetric eigen-decomposition (divide and conquer), column-major.
void ssyevd_(const char *jobz, const char *uplo, const int *n, float *a, const int *lda, float *w,
             float *work, const int *lwork, int *iwork, const int *liwork, int *info);
/// Cholesky factorisation, column-major.
void spotrf_(const char *uplo, const int *n, float *a, const int *lda, int *info);
/// Inverse from a Cholesky factorisation, column-major.
void spotri_(const char *uplo, const int *n, float *a, const int *lda, int *info);
/// Double-precision Cholesky factorisation and inverse (for well-conditioned closed forms such as EASE).
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info);
