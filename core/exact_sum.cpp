#include "core/exact_sum.hpp"

#include <cmath>
#include <cstddef>

namespace gg {
namespace {

// a + b = sum + error exactly (Knuth's two-sum: no assumption on the magnitudes).
void two_sum(double a, double b, double& sum, double& error) {
    sum = a + b;
    const double b_virtual = sum - a;
    const double a_virtual = sum - b_virtual;
    error = (a - a_virtual) + (b - b_virtual);
}

}  // namespace

void ExactSum::add(double x) {
    // Grow the expansion by x: each term in turn absorbs the running total, keeping the rounding
    // error as a term of its own; zero errors are dropped so the expansion stays short.
    size_t kept = 0;
    for (double part : parts_) {
        double sum = 0, error = 0;
        two_sum(x, part, sum, error);
        if (error != 0) parts_[kept++] = error;
        x = sum;
    }
    parts_.resize(kept);
    if (x != 0) parts_.push_back(x);
}

void ExactSum::add(const ExactSum& other) {
    for (double part : other.parts_) add(part);
}

void ExactSum::add_product(double a, double b) {
    const double product = a * b;
    add(product);
    add(std::fma(a, b, -product));
}

void ExactSum::add_scaled(const ExactSum& other, double s) {
    for (double part : other.parts_) add_product(part, s);
}

double ExactSum::value() const {
    if (parts_.empty()) return 0;
    // From the largest term down: once a rounding error appears the terms below cannot change the
    // sum except to break a tie, which the sign of the next term decides (round half to even).
    size_t n = parts_.size();
    double high = parts_[--n];
    double low = 0;
    while (n > 0) {
        const double x = high;
        const double y = parts_[--n];
        high = x + y;
        low = y - (high - x);
        if (low != 0) break;
    }
    if (n > 0 && ((low < 0 && parts_[n - 1] < 0) || (low > 0 && parts_[n - 1] > 0))) {
        // high + low is exactly half-way between two doubles and the rest pushes it further:
        // take the neighbour in that direction when it is representable as high + 2 low.
        const double twice = 2 * low;
        const double moved = high + twice;
        if (twice == moved - high) high = moved;
    }
    return high;
}

}  // namespace gg
