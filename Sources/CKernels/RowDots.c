#include "CKernels.h"

#include <stdatomic.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define STRATA_HAS_AVX2_KERNEL 1
#endif

typedef void (*RowDotsKernel)(const float *, ptrdiff_t, const ptrdiff_t *, ptrdiff_t, const float *, ptrdiff_t, float *);

/// Rows `i` of the result for vectors `first ..< first + group` (group ≤ 4), eight partial sums per vector:
/// lane `l` sums the products at columns `l, l + 8, …`, then the lanes are added pairwise.
static inline __attribute__((always_inline)) void portable_group(
    const float *matrix, ptrdiff_t columns, const ptrdiff_t *rows, ptrdiff_t count,
    const float *vectors, ptrdiff_t first, int group, float *out) {
    const ptrdiff_t body = columns - columns % 8;
    for (ptrdiff_t i = 0; i < count; i++) {
        const float *row = matrix + (rows ? rows[i] : i) * columns;
        float sums[4][8] = {{0}};
        for (ptrdiff_t j = 0; j < body; j += 8)
            for (int v = 0; v < group; v++)
                for (int l = 0; l < 8; l++) sums[v][l] += row[j + l] * vectors[(first + v) * columns + j + l];
        for (int v = 0; v < group; v++) {
            float *s = sums[v];
            float total = ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
            for (ptrdiff_t j = body; j < columns; j++) total += row[j] * vectors[(first + v) * columns + j];
            out[(first + v) * count + i] = total;
        }
    }
}

void strata_row_dots_portable(const float *matrix, ptrdiff_t columns, const ptrdiff_t *rows, ptrdiff_t count,
                              const float *vectors, ptrdiff_t vectorCount, float *out) {
    for (ptrdiff_t first = 0; first < vectorCount; first += 4) {
        // A literal group size lets the compiler unroll and keep the sums in registers.
        switch (vectorCount - first < 4 ? (int)(vectorCount - first) : 4) {
        case 1: portable_group(matrix, columns, rows, count, vectors, first, 1, out); break;
        case 2: portable_group(matrix, columns, rows, count, vectors, first, 2, out); break;
        case 3: portable_group(matrix, columns, rows, count, vectors, first, 3, out); break;
        default: portable_group(matrix, columns, rows, count, vectors, first, 4, out); break;
        }
    }
}

#ifdef STRATA_HAS_AVX2_KERNEL
__attribute__((target("avx2,fma"))) static inline float horizontal_sum(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    return _mm_cvtss_f32(_mm_add_ss(s, _mm_movehdup_ps(s)));
}

/// `portable_group` with eight-lane fused multiply-adds.
__attribute__((target("avx2,fma"), always_inline)) static inline void avx2_group(
    const float *matrix, ptrdiff_t columns, const ptrdiff_t *rows, ptrdiff_t count,
    const float *vectors, ptrdiff_t first, int group, float *out) {
    const ptrdiff_t body = columns - columns % 8;
    for (ptrdiff_t i = 0; i < count; i++) {
        const float *row = matrix + (rows ? rows[i] : i) * columns;
        __m256 sums[4];
        for (int v = 0; v < group; v++) sums[v] = _mm256_setzero_ps();
        for (ptrdiff_t j = 0; j < body; j += 8) {
            __m256 x = _mm256_loadu_ps(row + j);
            for (int v = 0; v < group; v++)
                sums[v] = _mm256_fmadd_ps(x, _mm256_loadu_ps(vectors + (first + v) * columns + j), sums[v]);
        }
        for (int v = 0; v < group; v++) {
            float total = horizontal_sum(sums[v]);
            for (ptrdiff_t j = body; j < columns; j++) total += row[j] * vectors[(first + v) * columns + j];
            out[(first + v) * count + i] = total;
        }
    }
}

__attribute__((target("avx2,fma"))) static void avx2_row_dots(
    const float *matrix, ptrdiff_t columns, const ptrdiff_t *rows, ptrdiff_t count,
    const float *vectors, ptrdiff_t vectorCount, float *out) {
    for (ptrdiff_t first = 0; first < vectorCount; first += 4) {
        switch (vectorCount - first < 4 ? (int)(vectorCount - first) : 4) {
        case 1: avx2_group(matrix, columns, rows, count, vectors, first, 1, out); break;
        case 2: avx2_group(matrix, columns, rows, count, vectors, first, 2, out); break;
        case 3: avx2_group(matrix, columns, rows, count, vectors, first, 3, out); break;
        default: avx2_group(matrix, columns, rows, count, vectors, first, 4, out); break;
        }
    }
}
#endif

static RowDotsKernel chosen_kernel(void) {
#ifdef STRATA_HAS_AVX2_KERNEL
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return avx2_row_dots;
#endif
    return strata_row_dots_portable;
}

void strata_row_dots(const float *matrix, ptrdiff_t columns, const ptrdiff_t *rows, ptrdiff_t count,
                     const float *vectors, ptrdiff_t vectorCount, float *out) {
    static _Atomic(RowDotsKernel) kernel = NULL;
    RowDotsKernel chosen = atomic_load_explicit(&kernel, memory_order_relaxed);
    if (!chosen) {
        chosen = chosen_kernel();
        atomic_store_explicit(&kernel, chosen, memory_order_relaxed);
    }
    chosen(matrix, columns, rows, count, vectors, vectorCount, out);
}
