#include "CKernels.h"

#include <stdint.h>
#include <string.h>

/// An IEEE half (binary16) as a float, subnormals included.
static float half_to_float(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000) << 16, exponent = (h >> 10) & 0x1F, mantissa = h & 0x3FF, bits;
    if (exponent == 0) {
        if (mantissa == 0) {
            bits = sign;
        } else {
            exponent = 1;
            while (!(mantissa & 0x400)) { mantissa <<= 1; exponent++; }
            bits = sign | ((127 - 15 - exponent + 1) << 23) | ((mantissa & 0x3FF) << 13);
        }
    } else if (exponent == 31) {
        bits = sign | 0x7F800000u | (mantissa << 13);
    } else {
        bits = sign | ((exponent - 15 + 127) << 23) | (mantissa << 13);
    }
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

void strata_dequantize_q4_0(const unsigned char *blocks, ptrdiff_t count, float *out) {
    for (ptrdiff_t b = 0; b < count / 32; b++) {
        const unsigned char *block = blocks + b * 18;
        float d = half_to_float((uint16_t)(block[0] | block[1] << 8));
        float *o = out + b * 32;
        for (int j = 0; j < 16; j++) {
            o[j] = (float)((block[2 + j] & 0x0F) - 8) * d;
            o[j + 16] = (float)((block[2 + j] >> 4) - 8) * d;
        }
    }
}
