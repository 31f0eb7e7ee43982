#ifndef STRATA_CKERNELS_H
#define STRATA_CKERNELS_H

#include <stddef.h>

/// The dot product of each of `count` rows of the row-major `matrix` (`columns` wide) with each of the
/// `vectorCount` consecutive `columns`-vectors at `vectors`:
/// `out[v * count + i] = matrix[rows[i]] · vectors[v]`, or `matrix[i]` when `rows` is NULL.
///
/// Reads every row once per four vectors. Uses AVX2 and FMA when the processor has them (checked once, at
/// the first call), the portable kernel otherwise.
void strata_row_dots(const float *matrix, ptrdiff_t columns, const ptrdiff_t *rows, ptrdiff_t count,
                     const float *vectors, ptrdiff_t vectorCount, float *out);

/// `strata_row_dots` in portable C, whatever the processor has (exposed so tests can check both paths).
void strata_row_dots_portable(const float *matrix, ptrdiff_t columns, const ptrdiff_t *rows, ptrdiff_t count,
                              const float *vectors, ptrdiff_t vectorCount, float *out);

/// Expands `count` weights stored as Q4_0 blocks (per 32 weights: a little-endian IEEE half scale `d`,
/// then 16 bytes whose byte `j` holds weight `j` in its low nibble and weight `j + 16` in its high
/// nibble) to floats: `weight = (nibble - 8) * d`. `count` must be a multiple of 32.
void strata_dequantize_q4_0(const unsigned char *blocks, ptrdiff_t count, float *out);

#endif
