#include "core/pixel_areas.hpp"

#include <algorithm>
#include <stdexcept>

namespace gg {
namespace {

// The interval [nodes[i], nodes[i + 1]] holding x (the last one for x past the end), and x's
// fraction along it. A single node is an interval of length 0.
struct Located {
    size_t i = 0;
    double t = 0;
};

Located locate(const std::vector<int64_t>& nodes, int64_t x) {
    if (nodes.size() < 2) return {};
    const auto above = std::upper_bound(nodes.begin() + 1, nodes.end() - 1, x);
    const auto i = static_cast<size_t>(above - nodes.begin()) - 1;
    const double t =
        static_cast<double>(x - nodes[i]) / static_cast<double>(nodes[i + 1] - nodes[i]);
    return {i, t};
}

void check_nodes(const std::vector<int64_t>& nodes, const char* what) {
    if (nodes.empty() || nodes.front() != 0)
        throw std::invalid_argument(std::string("PixelAreas: ") + what + " must start at 0");
    for (size_t i = 1; i < nodes.size(); ++i)
        if (nodes[i] <= nodes[i - 1])
            throw std::invalid_argument(std::string("PixelAreas: ") + what +
                                        " must be strictly ascending");
}

}  // namespace

PixelAreas PixelAreas::by_rows(std::vector<double> row_areas) {
    PixelAreas a;
    a.row_areas_ = std::move(row_areas);
    return a;
}

PixelAreas PixelAreas::lattice(std::vector<int64_t> node_cols, std::vector<int64_t> node_rows,
                               std::vector<double> values) {
    check_nodes(node_cols, "lattice columns");
    check_nodes(node_rows, "lattice rows");
    if (values.size() != node_cols.size() * node_rows.size())
        throw std::invalid_argument("PixelAreas: one value per lattice node");
    PixelAreas a;
    a.node_cols_ = std::move(node_cols);
    a.node_rows_ = std::move(node_rows);
    a.values_ = std::move(values);
    return a;
}

void PixelAreas::fill_row(int64_t r, int64_t col0, int64_t n, double* out) const {
    if (n <= 0) return;
    if (uniform_rows()) {
        std::fill_n(out, n, row_area(r));
        return;
    }
    // The row's values at the lattice columns (linear in the row between two lattice rows), then
    // linear along the row between lattice columns: bilinear interpolation.
    const size_t nc = node_cols_.size();
    const Located y = locate(node_rows_, r);
    const double* above = values_.data() + y.i * nc;
    const double* below = node_rows_.size() < 2 ? above : above + nc;
    auto node = [&](size_t i) { return above[i] + y.t * (below[i] - above[i]); };

    if (nc < 2) {
        std::fill_n(out, n, node(0));
        return;
    }
    // Interval by interval: a straight line over each, a loop the compiler vectorises.
    const int64_t end = col0 + n;
    int64_t c = col0;
    // A pixel on a lattice column belongs to the interval on its left, as it does when the row
    // starts further left: its area is then the same bits wherever the caller's window starts.
    size_t first = locate(node_cols_, col0).i;
    if (first > 0 && col0 == node_cols_[first]) --first;
    for (size_t i = first; c < end; ++i) {
        const bool last = i + 2 == nc;
        const int64_t stop = last ? end : std::min(end, node_cols_[i + 1] + 1);
        const double v0 = node(i);
        const double slope =
            (node(i + 1) - v0) / static_cast<double>(node_cols_[i + 1] - node_cols_[i]);
        const double base = v0 - static_cast<double>(node_cols_[i]) * slope;
        double* o = out + (c - col0);
        for (int64_t k = 0, m = stop - c; k < m; ++k)
            o[k] = base + static_cast<double>(c + k) * slope;
        c = stop;
    }
}

double PixelAreas::at(int64_t col, int64_t row) const {
    double a = 0;
    fill_row(row, col, 1, &a);
    return a;
}

}  // namespace gg
