#pragma once
// A sum of doubles kept exactly, so that its value does not depend on the order of the terms nor
// on how they were grouped: windows, slices and threads may add their parts in any order and give
// the same bits. The exact sum is held as a non-overlapping expansion (Shewchuk 1997, "Adaptive
// precision floating-point arithmetic and fast robust geometric predicates", Discrete &
// Computational Geometry 18:305-363): doubles of increasing magnitude whose exact sum is the total.
// An expansion of a given total is not unique, so value() rounds the exact total correctly (round
// half to even), which depends on the total alone.
#include <vector>

namespace gg {

class ExactSum {
  public:
    // Adds x exactly. x must be finite (callers reject NaN and Inf before they sum).
    void add(double x);
    // Adds every term of other exactly.
    void add(const ExactSum& other);
    // Adds a * b exactly (the product is split into its rounded value and its error by fma).
    void add_product(double a, double b);
    // Adds other * s exactly, term by term.
    void add_scaled(const ExactSum& other, double s);

    // The exact total rounded to the nearest double (ties to even).
    double value() const;
    bool is_zero() const { return parts_.empty(); }
    // The terms held (a few: each covers its own range of binary exponents).
    const std::vector<double>& parts() const { return parts_; }

  private:
    std::vector<double> parts_;  // non-overlapping, increasing magnitude, no zeros
};

}  // namespace gg
