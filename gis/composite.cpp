// Composites of N products (gis/composite.hpp): one ProductReader per scene, on the output grid.
#include "gis/composite.hpp"

#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <map>

#include <sys/stat.h>

#include "core/error.hpp"
#include "core/spectral.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/product_reader.hpp"

namespace gg {
namespace {

// The same product under two spellings (dir/./x_MTL.txt, a symlink, a hard link) would count as
// two dates of the composite. Files are compared by device and inode, so every spelling of one
// file is one product.
void refuse_repeated_products(const std::vector<Product>& products, const std::string& role) {
    std::map<std::pair<dev_t, ino_t>, const Product*> seen;
    for (const Product& p : products) {
        if (!p.has(role)) continue;  // reported as a missing band where the role is read
        struct stat st {};
        if (::stat(p.band(role).path.c_str(), &st) != 0) continue;
        const auto [at, fresh] = seen.emplace(std::make_pair(st.st_dev, st.st_ino), &p);
        if (!fresh)
            throw Error(p.path + ": the same product as " + at->second->path + " (the same file " +
                        p.band(role).path + "): give each product once");
    }
}

bool same_crs(const std::string& a, const std::string& b) {
    if (a == b) return true;
    OGRSpatialReference sa, sb;
    if (sa.importFromWkt(a.c_str()) != OGRERR_NONE || sb.importFromWkt(b.c_str()) != OGRERR_NONE)
        return false;
    return sa.IsSame(&sb) != 0;
}

bool same_grid(const Grid& a, const Grid& b) {
    const double tol = 1e-6 * a.dx;
    return a.cols == b.cols && a.rows == b.rows && std::abs(a.x0 - b.x0) < tol &&
           std::abs(a.y0 - b.y0) < tol && std::abs(a.dx - b.dx) < tol &&
           std::abs(a.dy - b.dy) < tol;
}

Box grid_box(const Grid& g) {
    Box b;
    b.expand({g.x0, g.y0 - static_cast<double>(g.rows) * g.dy});
    b.expand({g.x0 + static_cast<double>(g.cols) * g.dx, g.y0});
    return b;
}

// The footprint of grid g (in CRS from) in CRS to, edges densified; empty when it cannot be
// transformed (e.g. the other side of the globe).
Box footprint_in(const Grid& g, const std::string& from, const std::string& to) {
    const Box b = grid_box(g);
    if (same_crs(from, to)) return b;
    const QuietGdalErrors quiet;
    OGRSpatialReference src, dst;
    if (src.importFromWkt(from.c_str()) != OGRERR_NONE ||
        dst.importFromWkt(to.c_str()) != OGRERR_NONE)
        return Box{};
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    dst.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&src, &dst));
    Box out;
    if (!ct) return out;
    double xmin = 0, ymin = 0, xmax = 0, ymax = 0;
    if (!ct->TransformBounds(b.xmin, b.ymin, b.xmax, b.ymax, &xmin, &ymin, &xmax, &ymax, 21))
        return out;
    out.expand({xmin, ymin});
    out.expand({xmax, ymax});
    return out;
}

// Where the boxes overlap with a positive area (touching edges do not count).
bool overlaps(const Box& a, const Box& b) {
    return !a.empty() && !b.empty() && a.xmin < b.xmax && b.xmin < a.xmax && a.ymin < b.ymax &&
           b.ymin < a.ymax;
}

}  // namespace

struct CompositeReader::Impl {
    CompositeMethod method = CompositeMethod::Median;
    std::vector<std::string> roles;      // composited
    std::vector<std::string> all_roles;  // read: roles, then red / nir when max-NDVI needs them
    size_t red = 0, nir = 0;             // indices of red and nir in all_roles (max-NDVI)
    std::vector<ProductReader> readers;
    std::vector<bool> warped;
    Grid grid;
    std::string crs;
    std::vector<std::vector<ChannelBuffer>> raw;    // [scene][all_roles]
    std::vector<std::vector<ChannelBuffer>> dates;  // [scene][composited channel]
    std::vector<ChannelBuffer> ndvi;                // [scene], max-NDVI only
    std::vector<int64_t> observations;

    void init(const std::vector<Product>& products, const std::vector<std::string>& roles_in,
              CompositeMethod method_in, const MaskSelection& mask, const TargetGrid* target);
    void read_scenes(const Window& w);
    void count_observations();
    // Mean and max-NDVI: the dates folded in one at a time, one scene's buffers at a time.
    void fold_scenes(const Window& w, const Derive* derive, CompositeOutput& out);
    void scene_ndvi(const std::vector<ChannelBuffer>& raw_scene, ChannelBuffer& out) const;
    CompositeFold fold;
};

CompositeReader::CompositeReader(const std::vector<Product>& products,
                                 const std::vector<std::string>& roles, CompositeMethod method,
                                 const MaskSelection& mask)
    : impl_(std::make_unique<Impl>()) {
    impl_->init(products, roles, method, mask, nullptr);
}

CompositeReader::CompositeReader(const std::vector<Product>& products,
                                 const std::vector<std::string>& roles, CompositeMethod method,
                                 const MaskSelection& mask, const Grid& grid,
                                 const std::string& crs_wkt)
    : impl_(std::make_unique<Impl>()) {
    const TargetGrid target{grid, crs_wkt};
    impl_->init(products, roles, method, mask, &target);
}

void CompositeReader::Impl::init(const std::vector<Product>& products,
                                 const std::vector<std::string>& roles_in,
                                 CompositeMethod method_in, const MaskSelection& mask,
                                 const TargetGrid* target) {
    Impl& im = *this;
    if (products.empty()) throw Error("composite: no product given");
    if (roles_in.empty()) throw Error("composite: no band role to read");
    refuse_repeated_products(products, roles_in.front());
    im.method = method_in;
    im.roles = roles_in;
    im.all_roles = roles_in;
    if (im.method == CompositeMethod::MaxNdvi) {
        for (const char* r : {"red", "nir"})
            if (std::find(im.all_roles.begin(), im.all_roles.end(), r) == im.all_roles.end())
                im.all_roles.emplace_back(r);
        im.red = static_cast<size_t>(std::find(im.all_roles.begin(), im.all_roles.end(), "red") -
                                     im.all_roles.begin());
        im.nir = static_cast<size_t>(std::find(im.all_roles.begin(), im.all_roles.end(), "nir") -
                                     im.all_roles.begin());
    }
    for (size_t i = 0; i < products.size(); ++i) {
        const Product& p = products[i];
        // The product on its own grid first: validates it (band files, alignment of its bands).
        ProductReader own(p, im.all_roles, mask);
        if (i == 0 && target) {
            im.grid = target->grid;
            im.crs = target->crs_wkt;
        }
        if (i == 0 && !target) {
            im.grid = own.grid();
            im.crs = own.crs_wkt();
            im.readers.push_back(std::move(own));
            im.warped.push_back(false);
            continue;
        }
        if (same_crs(own.crs_wkt(), im.crs) && same_grid(own.grid(), im.grid)) {
            im.readers.push_back(std::move(own));
            im.warped.push_back(false);
            continue;
        }
        if (!overlaps(footprint_in(own.grid(), own.crs_wkt(), im.crs), grid_box(im.grid)))
            throw Error(p.path + ": does not overlap " +
                        (target ? std::string("the grid it is compared on")
                                : "the first product (" + products[0].path + ")") +
                        "; a composite needs scenes of the same area");
        im.readers.emplace_back(p, im.all_roles, mask, TargetGrid{im.grid, im.crs});
        im.warped.push_back(true);
    }
    // A fold keeps one scene's buffers (reused by every scene); the median every scene's.
    const size_t held = composite_folds(im.method) ? 1 : products.size();
    im.raw.resize(held);
    im.dates.resize(held);
    im.ndvi.resize(im.method == CompositeMethod::MaxNdvi ? held : 0);
    im.observations.assign(products.size(), 0);
}

CompositeReader::CompositeReader(CompositeReader&&) noexcept = default;
CompositeReader& CompositeReader::operator=(CompositeReader&&) noexcept = default;
CompositeReader::~CompositeReader() = default;

const Grid& CompositeReader::grid() const {
    return impl_->grid;
}
const std::string& CompositeReader::crs_wkt() const {
    return impl_->crs;
}
size_t CompositeReader::scene_count() const {
    return impl_->readers.size();
}
const std::vector<std::string>& CompositeReader::roles() const {
    return impl_->roles;
}
CompositeMethod CompositeReader::method() const {
    return impl_->method;
}
bool CompositeReader::reprojected(size_t scene) const {
    return impl_->warped.at(scene);
}
const std::vector<int64_t>& CompositeReader::scene_observations() const {
    return impl_->observations;
}

int64_t CompositeReader::buffer_layers() const {
    const auto per_scene = static_cast<int64_t>(impl_->all_roles.size() + 1);
    // A fold: one scene's roles and mask, its derived value or NDVI, and the running composite.
    if (folds()) return per_scene + 2 + static_cast<int64_t>(impl_->roles.size()) + 1;
    return static_cast<int64_t>(impl_->readers.size()) * per_scene;
}

bool CompositeReader::folds() const {
    return composite_folds(impl_->method);
}

int64_t CompositeReader::window_budget_cells() const {
    return std::max<int64_t>(4'000'000 / buffer_layers(), 1);
}

WindowLayout CompositeReader::layout(int64_t budget_cells) const {
    if (budget_cells <= 0) budget_cells = window_budget_cells();
    return impl_->readers.front().layout(budget_cells);
}

int64_t CompositeReader::block_cache_bytes(const WindowLayout& layout, bool whole_windows) const {
    // A fold of whole windows reads a window of one scene, then of the next: when the windows hold
    // whole blocks of every file, no block is needed again and one scene's blocks are all the
    // cache holds at a time. Otherwise (slices, the median) every scene's blocks are needed at
    // once.
    const bool one_scene_at_a_time =
        folds() && whole_windows &&
        std::all_of(impl_->readers.begin(), impl_->readers.end(),
                    [&](const ProductReader& r) { return r.whole_blocks(layout); });
    int64_t bytes = 0;
    for (const auto& r : impl_->readers)
        bytes = one_scene_at_a_time ? std::max(bytes, r.block_cache_bytes(layout))
                                    : bytes + r.block_cache_bytes(layout);
    return bytes;
}

void CompositeReader::Impl::scene_ndvi(const std::vector<ChannelBuffer>& raw_scene,
                                       ChannelBuffer& out) const {
    const ChannelBuffer &r = raw_scene[red], &n = raw_scene[nir];
    out.values.assign(r.values.size(), 0.0);
    out.valid.assign(r.values.size(), 0);
    for (size_t p = 0; p < r.values.size(); ++p) {
        if (!r.valid[p] || !n.valid[p]) continue;
        const auto v = gg::ndvi(r.values[p], n.values[p]);
        if (!v) continue;
        out.values[p] = *v;
        out.valid[p] = 1;
    }
}

void CompositeReader::Impl::read_scenes(const Window& w) {
    for (size_t d = 0; d < readers.size(); ++d) {
        readers[d].read(w, raw[d]);
        if (method == CompositeMethod::MaxNdvi) scene_ndvi(raw[d], ndvi[d]);
    }
}

void CompositeReader::Impl::fold_scenes(const Window& w, const Derive* derive,
                                        CompositeOutput& out) {
    fold.start(method, derive ? 1 : roles.size(), static_cast<size_t>(w.size()), out);
    for (size_t d = 0; d < readers.size(); ++d) {
        readers[d].read(w, raw[0]);
        readers[d].release_buffers();  // the next scene reuses raw, not these
        if (method == CompositeMethod::MaxNdvi) scene_ndvi(raw[0], ndvi[0]);
        const ChannelBuffer* scene_ndvi_buffer =
            method == CompositeMethod::MaxNdvi ? &ndvi[0] : nullptr;
        if (derive) {
            dates[0].resize(1);
            (*derive)(raw[0], dates[0][0]);
            observations[d] += fold.add(dates[0], scene_ndvi_buffer, static_cast<int>(d));
        } else {
            observations[d] += fold.add(raw[0], scene_ndvi_buffer, static_cast<int>(d));
        }
    }
    fold.finish();
}

void CompositeReader::Impl::count_observations() {
    for (size_t d = 0; d < dates.size(); ++d) {
        const size_t n = dates[d].front().valid.size();
        for (size_t p = 0; p < n; ++p) {
            bool ok = method != CompositeMethod::MaxNdvi || ndvi[d].valid[p];
            for (const auto& c : dates[d]) ok = ok && c.valid[p];
            observations[d] += ok ? 1 : 0;
        }
    }
}

void CompositeReader::read(const Window& w, CompositeOutput& out) {
    Impl& im = *impl_;
    if (folds()) return im.fold_scenes(w, nullptr, out);
    im.read_scenes(w);
    const size_t k = im.roles.size();
    // Lend the composited channels to dates (swaps, no copies), then give them back.
    for (size_t d = 0; d < im.raw.size(); ++d) {
        im.dates[d].resize(k);
        for (size_t c = 0; c < k; ++c) std::swap(im.dates[d][c], im.raw[d][c]);
    }
    composite(im.method, im.dates, im.ndvi, out);
    im.count_observations();
    for (size_t d = 0; d < im.raw.size(); ++d)
        for (size_t c = 0; c < k; ++c) std::swap(im.dates[d][c], im.raw[d][c]);
}

void CompositeReader::read(const Window& w, const Derive& derive, CompositeOutput& out) {
    Impl& im = *impl_;
    if (folds()) return im.fold_scenes(w, &derive, out);
    im.read_scenes(w);
    for (size_t d = 0; d < im.raw.size(); ++d) {
        im.dates[d].resize(1);
        derive(im.raw[d], im.dates[d][0]);
    }
    composite(im.method, im.dates, im.ndvi, out);
    im.count_observations();
}

std::vector<ChannelBuffer> composite_reflectance(const std::vector<Product>& products,
                                                 const std::vector<std::string>& roles,
                                                 CompositeMethod method, const Window& w,
                                                 const MaskSelection& mask,
                                                 std::vector<int>* count) {
    CompositeReader reader(products, roles, method, mask);
    CompositeOutput out;
    reader.read(w, out);
    if (count) *count = std::move(out.count);
    return std::move(out.channels);
}

}  // namespace gg
