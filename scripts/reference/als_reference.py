#!/usr/bin/env python3
"""Reference numbers for Tests/StrataRecommendTests/ImplicitALSTests.swift: exact implicit-feedback ALS
(Hu, Koren & Volinsky 2008) on a tiny binary interaction matrix from fixed initial item factors, in float64.

With confidence C_u = diag(1 + alpha * r_u) and preference p_u = r_u (binary), one user half-sweep sets
    x_u = (Y^T C_u Y + lambda I)^-1 Y^T C_u p_u
for every user (a user without items gets 0), and the following item half-sweep sets
    y_i = (X^T C_i X + lambda I)^-1 X^T C_i p_i.
Printed: X1 (users from Y0), Y1 (items from X1) and X2 (users again, from Y1), as Swift array literals.
Run: python3 scripts/reference/als_reference.py
"""
import numpy as np

ALPHA = 2.0
LAMBDA = 0.1

# 6 users (rows) x 5 items (columns); user 5 has no items, so both sweeps give it 0.
R = np.array([
    [1, 1, 0, 0, 0],
    [1, 0, 1, 0, 0],
    [0, 1, 1, 1, 0],
    [0, 0, 0, 1, 1],
    [1, 0, 0, 0, 1],
    [0, 0, 0, 0, 0],
], dtype=np.float64)

# The fixed initial item factors (5 items x 3 factors).
Y0 = np.array([
    [0.10, -0.20, 0.30],
    [0.40, 0.10, -0.10],
    [-0.30, 0.20, 0.20],
    [0.05, 0.35, -0.25],
    [0.20, -0.15, 0.10],
], dtype=np.float64)


def half_sweep(R, Y):
    """Exact least squares for every row of R against the factors Y of its columns."""
    f = Y.shape[1]
    X = np.zeros((R.shape[0], f))
    for u in range(R.shape[0]):
        r = R[u]
        if not r.any():
            continue
        c = 1.0 + ALPHA * r
        A = Y.T @ (c[:, None] * Y) + LAMBDA * np.eye(f)
        b = Y.T @ (c * r)
        X[u] = np.linalg.solve(A, b)
    return X


def swift(name, M):
    rows = ",\n".join("        [" + ", ".join(f"{v:.8f}" for v in row) + "]" for row in M)
    print(f"    static let {name}: [[Float]] = [\n{rows},\n    ]")


X1 = half_sweep(R, Y0)
Y1 = half_sweep(R.T, X1)
X2 = half_sweep(R, Y1)
swift("x1", X1)
swift("y1", Y1)
swift("x2", X2)
