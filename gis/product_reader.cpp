#include "gis/product_reader.hpp"

#include <gdal.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <type_traits>

#include "core/error.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/raster_source.hpp"

namespace gg {

namespace {

struct MaskOptions {
    LandsatC2MaskOptions c2;
    LandsatC1MaskOptions c1;
    SentinelSclMaskOptions scl;
};

// Conversion::apply of every DN 0..65535: for integer bands a look-up is much cheaper than
// apply() per pixel, and gives the same bits.
struct DnTable {
    std::vector<double> value;      // 0 where there is none
    std::vector<unsigned char> ok;  // 1 when the DN has a value (not fill, not saturated)
    bool operator==(const DnTable&) const = default;
};

// The table of c, shared by every reader whose conversion gives the same one: a table per band,
// scene and thread would take 0.6 MB each, over 100 MB for two dozen scenes.
std::shared_ptr<const DnTable> shared_dn_table(const Conversion& c) {
    auto t = std::make_shared<DnTable>();
    t->value.resize(65536);
    t->ok.resize(65536);
    for (size_t dn = 0; dn < t->value.size(); ++dn) {
        const auto v = c.apply(static_cast<double>(dn));
        t->value[dn] = v.value_or(0.0);
        t->ok[dn] = v.has_value() ? 1 : 0;
    }
    static std::mutex m;
    static std::vector<std::weak_ptr<const DnTable>> known;
    std::lock_guard lock(m);
    std::erase_if(known, [](const auto& w) { return w.expired(); });
    for (const auto& w : known)
        if (auto same = w.lock(); same && *same == *t) return same;
    known.push_back(t);
    return t;
}

// One band file read on the common grid: `factor` fine cells per coarse cell along each axis.
struct Layer {
    std::string label;
    std::string path;
    int band = 1;
    size_t source = 0;  // index into Impl::sources
    int64_t factor = 1;
    bool dn16 = false;  // Byte / UInt16: read as 16-bit numbers, converted by table look-up
    // Scratch buffers of the last read.
    std::vector<uint16_t> dn;
    std::vector<uint16_t> coarse_dn;
    std::vector<double> coarse;
    std::shared_ptr<const DnTable> table;  // built at the first read
    std::vector<unsigned char> coarse_valid;
};

bool same_crs(const std::string& a, const std::string& b) {
    if (a == b) return true;
    OGRSpatialReference sa, sb;
    if (sa.importFromWkt(a.c_str()) != OGRERR_NONE || sb.importFromWkt(b.c_str()) != OGRERR_NONE)
        return false;
    return sa.IsSame(&sb) != 0;
}

std::string describe(const Layer& l) {
    return l.label + " (" + l.path + ")";
}

// Whole-number ratio of two cell sizes, or 0 when it is not one.
int64_t whole_ratio(double coarse, double fine) {
    const double r = coarse / fine;
    const double n = std::round(r);
    return n >= 1 && std::abs(r - n) < 1e-6 * n ? static_cast<int64_t>(n) : 0;
}

}  // namespace

struct ProductReader::Impl {
    std::vector<RasterSource> sources;
    std::vector<Layer> layers;  // the roles, then the QA band and QA_RADSAT when used
    std::vector<Conversion> conversions;
    MaskSource mask;
    MaskOptions mask_options;  // the selection in the mask band's own terms, made once
    std::optional<size_t> qa_layer, saturation_layer;  // indices into layers
    Grid grid;
    std::string crs;
    std::vector<double> mask_values;
    // qa_masked() of every QA value 0..65535, built at the first read: the per-value tests are
    // far slower than a table look-up.
    std::vector<unsigned char> masked_by_value;
    std::vector<unsigned char> mask_valid;
    std::optional<TargetGrid> target;  // set: every file is warped onto it

    size_t source_for(const std::string& path) {
        for (size_t i = 0; i < sources.size(); ++i)
            if (sources[i].info().path == path) return i;
        sources.push_back(target ? RasterSource::open_warped(path, target->grid, target->crs_wkt)
                                 : RasterSource::open(path));
        return sources.size() - 1;
    }

    void open(const Product& product, const std::vector<std::string>& roles,
              const MaskSelection& selection);
    void apply_masks(const Window& w, std::vector<ChannelBuffer>& out);

    void align();
    // Reads layer l over window w of the common grid, its coarse cells replicated onto it.
    template <typename T>
    void read_layer(Layer& l, const Window& w, std::vector<T>& values,
                    std::vector<unsigned char>& valid, std::vector<T>& coarse);
    // Clears keep[p] where a QA band masks pixel p (QA table) or QA_RADSAT reports saturation.
    void mask_by_qa(const Window& w);
    void mask_by_saturation(const Window& w);
    std::vector<unsigned char> keep;
};

// The finest grid is the common one; every other band must cover exactly the same area with
// cells that are whole multiples of it (so upsampling is plain replication).
void ProductReader::Impl::align() {
    if (target) {  // every source is already on the target grid
        grid = target->grid;
        crs = target->crs_wkt;
        for (auto& l : layers) l.factor = 1;
        return;
    }
    const Layer* finest = &layers.front();
    for (const auto& l : layers)
        if (sources[l.source].info().grid.dx < sources[finest->source].info().grid.dx) finest = &l;
    const RasterInfo& fi = sources[finest->source].info();
    grid = fi.grid;
    crs = fi.crs_wkt;
    for (auto& l : layers) {
        const RasterInfo& info = sources[l.source].info();
        const Grid& g = info.grid;
        const std::string pair = "bands " + describe(*finest) + " and " + describe(l);
        if (!same_crs(info.crs_wkt, crs))
            throw Error(pair + " do not align: different coordinate reference systems");
        const int64_t kx = whole_ratio(g.dx, grid.dx), ky = whole_ratio(g.dy, grid.dy);
        if (kx == 0 || kx != ky)
            throw Error(pair + " do not align: cell size " + std::to_string(g.dx) +
                        " is not a whole multiple of " + std::to_string(grid.dx));
        const double tol = 1e-3 * grid.dx;
        const bool same_origin = std::abs(g.x0 - grid.x0) < tol && std::abs(g.y0 - grid.y0) < tol;
        const bool same_size =
            (grid.cols + kx - 1) / kx == g.cols && (grid.rows + kx - 1) / kx == g.rows;
        if (!same_origin || !same_size)
            throw Error(pair +
                        " do not align: different extents (warp them to one grid first, "
                        "e.g. gdalwarp -tr/-te)");
        l.factor = kx;
    }
}

// Reads the coarse cells under fine window w and replicates each into factor x factor cells.
template <typename T>
void ProductReader::Impl::read_layer(Layer& l, const Window& w, std::vector<T>& values,
                                     std::vector<unsigned char>& valid, std::vector<T>& coarse) {
    const RasterSource& src = sources[l.source];
    if (l.factor == 1) {
        src.read(l.band, w, values, valid);
        return;
    }
    const int64_t k = l.factor;
    Window cw;
    cw.col0 = w.col0 / k;
    cw.row0 = w.row0 / k;
    cw.cols = (w.col_end() + k - 1) / k - cw.col0;
    cw.rows = (w.row_end() + k - 1) / k - cw.row0;
    src.read(l.band, cw, coarse, l.coarse_valid);
    values.resize(static_cast<size_t>(w.size()));
    valid.resize(values.size());
    const auto width = static_cast<size_t>(w.cols);
    for (int64_t r = w.row0; r < w.row_end(); ++r) {
        const size_t out = static_cast<size_t>(r - w.row0) * width;
        if (r > w.row0 && r / k == (r - 1) / k) {  // the same coarse row as the row above
            std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(out - width), width,
                        values.begin() + static_cast<std::ptrdiff_t>(out));
            std::copy_n(valid.begin() + static_cast<std::ptrdiff_t>(out - width), width,
                        valid.begin() + static_cast<std::ptrdiff_t>(out));
            continue;
        }
        const size_t base = static_cast<size_t>((r / k - cw.row0) * cw.cols - cw.col0);
        size_t i = out;
        for (int64_t c = w.col0; c < w.col_end(); ++c, ++i) {
            const size_t j = base + static_cast<size_t>(c / k);
            values[i] = coarse[j];
            valid[i] = l.coarse_valid[j];
        }
    }
}

ProductReader::ProductReader(const Product& product, const std::vector<std::string>& roles,
                             const MaskSelection& mask)
    : impl_(std::make_unique<Impl>()) {
    impl_->open(product, roles, mask);
}

ProductReader::ProductReader(const Product& product, const std::vector<std::string>& roles,
                             const MaskSelection& mask, const TargetGrid& target)
    : impl_(std::make_unique<Impl>()) {
    impl_->target = target;
    impl_->open(product, roles, mask);
}

void ProductReader::Impl::open(const Product& product, const std::vector<std::string>& roles,
                               const MaskSelection& mask_selection) {
    if (roles.empty()) throw Error(product.path + ": no band to read");
    for (const auto& role : roles) {
        const BandSource& b = product.band(role);  // throws for a missing file
        Layer l;
        l.label = b.label;
        l.path = b.path;
        l.band = b.band;
        l.source = source_for(b.path);
        sources[l.source].check_band(b.band);
        layers.push_back(std::move(l));
        conversions.push_back(b.conversion);
    }
    mask_options = {landsat_c2_options(mask_selection), landsat_c1_options(mask_selection),
                    sentinel2_options(mask_selection)};
    if (mask_selection.use_qa && product.mask.kind != MaskKind::None) {
        const MaskSource& m = product.mask;
        if (m.missing)
            throw Error(product.path + ": missing band file " + m.path + " (" + m.label +
                        ", the cloud mask; use --mask none to skip cloud masking)");
        mask = m;
        Layer l;
        l.label = m.label;
        l.path = m.path;
        l.band = m.band;
        l.source = source_for(m.path);
        qa_layer = layers.size();
        layers.push_back(std::move(l));
        // QA_RADSAT is optional: without it saturation goes unmasked (the caller warns).
        if (!m.saturation_path.empty() && !m.saturation_missing) {
            Layer s;
            s.label = "QA_RADSAT";
            s.path = m.saturation_path;
            s.source = source_for(m.saturation_path);
            saturation_layer = layers.size();
            layers.push_back(std::move(s));
        }
    }
    for (auto& l : layers) l.dn16 = sources[l.source].holds_dn16(l.band);
    align();
}

ProductReader::ProductReader(ProductReader&&) noexcept = default;
ProductReader& ProductReader::operator=(ProductReader&&) noexcept = default;
ProductReader::~ProductReader() = default;

const Grid& ProductReader::grid() const {
    return impl_->grid;
}

const std::string& ProductReader::crs_wkt() const {
    return impl_->crs;
}

WindowLayout ProductReader::layout(int64_t budget_cells) const {
    const Impl& im = *impl_;
    const Grid& g = im.grid;
    // The block of the first band on the finest grid (all finest bands of a product share it),
    // and the unit of whole blocks of every band.
    int64_t bh = 1, bw = g.cols, unit_rows = 1, unit_cols = 1;
    bool finest_seen = false;
    for (const auto& l : im.layers) {
        const RasterInfo& info = im.sources[l.source].info();
        if (l.factor == 1 && !finest_seen) {
            bh = info.block_rows;
            bw = info.block_cols;
            finest_seen = true;
        }
        unit_rows = std::min(std::lcm(unit_rows, std::max(info.block_rows, 1) * l.factor), g.rows);
        unit_cols = std::min(std::lcm(unit_cols, std::max(info.block_cols, 1) * l.factor), g.cols);
    }
    if (unit_rows * unit_cols <= kOneBlockAnyway) {
        bh = unit_rows;
        bw = unit_cols;
    }
    return plan_windows(g.cols, g.rows, bw, bh, budget_cells);
}

bool ProductReader::whole_blocks(const WindowLayout& layout) const {
    const Impl& im = *impl_;
    for (const auto& l : im.layers) {
        const RasterInfo& info = im.sources[l.source].info();
        if (!windows_hold_whole_blocks(layout, l.factor, info.block_cols, info.block_rows))
            return false;
    }
    return true;
}

void ProductReader::release_buffers() {
    // swap with empty vectors: `v = {}` would assign an empty list and keep the capacity.
    const auto release = [](auto& v) { std::decay_t<decltype(v)>().swap(v); };
    Impl& im = *impl_;
    for (auto& l : im.layers) {
        release(l.dn);
        release(l.coarse_dn);
        release(l.coarse);
        release(l.coarse_valid);
    }
    release(im.mask_values);
    release(im.mask_valid);
    release(im.keep);
}

int64_t ProductReader::block_cache_bytes(const WindowLayout& layout) const {
    const Impl& im = *impl_;
    int64_t bytes = 0;
    for (const auto& l : im.layers) {
        const RasterInfo& info = im.sources[l.source].info();
        const int pixel =
            std::max(1, GDALGetDataTypeSizeBytes(GDALGetDataTypeByName(info.data_type.c_str())));
        bytes += block_cache_need(layout, l.factor, info.grid.cols, info.block_cols,
                                  info.block_rows, pixel);
    }
    return bytes;
}

namespace {

// A whole number 0..65535: an index into the per-DN tables. (The cast, not std::floor: this runs
// for every pixel and floor is a library call on baseline x86-64.)
bool is_table_index(double v) {
    return v >= 0 && v <= 65535 && static_cast<double>(static_cast<int32_t>(v)) == v;
}

bool qa_masked(const MaskSource& m, const MaskOptions& o, double v) {
    switch (m.kind) {
        case MaskKind::LandsatC2QaPixel:
            return landsat_c2_qa_masked(static_cast<uint16_t>(v), o.c2);
        case MaskKind::LandsatC1Bqa:
            return landsat_c1_bqa_masked(static_cast<uint16_t>(v), m.c1_sensor, o.c1);
        case MaskKind::Sentinel2Scl:
            return sentinel2_scl_masked(static_cast<int>(v), o.scl);
        case MaskKind::None:
            return false;
    }
    return false;
}

}  // namespace

void ProductReader::read(const Window& w, std::vector<ChannelBuffer>& out) {
    Impl& im = *impl_;
    const size_t n_roles = im.conversions.size();
    out.resize(n_roles);
    for (size_t i = 0; i < n_roles; ++i) {
        ChannelBuffer& ch = out[i];
        const Conversion& conv = im.conversions[i];
        Layer& l = im.layers[i];
        if (!l.table) l.table = shared_dn_table(conv);
        const double* __restrict table_value = l.table->value.data();
        const unsigned char* __restrict table_ok = l.table->ok.data();
        if (l.dn16) {  // every value is a table index
            im.read_layer(l, w, l.dn, ch.valid, l.coarse_dn);
            const size_t n = l.dn.size();
            ch.values.resize(n);
            // Plain pointers: through the vectors, every byte store would reload them.
            const uint16_t* __restrict dn = l.dn.data();
            double* __restrict values = ch.values.data();
            unsigned char* __restrict valid = ch.valid.data();
            for (size_t p = 0; p < n; ++p) {
                values[p] = table_value[dn[p]];
                valid[p] &= table_ok[dn[p]];
            }
            continue;
        }
        im.read_layer(l, w, ch.values, ch.valid, l.coarse);
        for (size_t p = 0; p < ch.values.size(); ++p) {
            if (!ch.valid[p]) continue;
            const double dn = ch.values[p];
            if (is_table_index(dn)) {
                ch.valid[p] = table_ok[static_cast<size_t>(dn)];
                ch.values[p] = table_value[static_cast<size_t>(dn)];
            } else {  // a float band, or a DN outside 0..65535
                const auto v = conv.apply(dn);
                ch.valid[p] = v.has_value();
                ch.values[p] = v.value_or(0.0);
            }
        }
    }
    im.apply_masks(w, out);
}

void ProductReader::Impl::apply_masks(const Window& w, std::vector<ChannelBuffer>& out) {
    if (!qa_layer) return;
    keep.assign(static_cast<size_t>(w.size()), 1);
    mask_by_qa(w);
    if (saturation_layer) mask_by_saturation(w);
    const size_t n = keep.size();
    const unsigned char* __restrict k = keep.data();
    for (auto& ch : out) {
        unsigned char* __restrict valid = ch.valid.data();
        for (size_t p = 0; p < n; ++p) valid[p] &= k[p];
    }
}

// A pixel without a QA value is masked: the QA fill marks pixels outside the scene.
void ProductReader::Impl::mask_by_qa(const Window& w) {
    Layer& l = layers[*qa_layer];
    if (masked_by_value.empty()) {
        masked_by_value.resize(65536);
        for (size_t v = 0; v < masked_by_value.size(); ++v)
            masked_by_value[v] = qa_masked(mask, mask_options, static_cast<double>(v));
    }
    if (l.dn16) {
        read_layer(l, w, l.dn, mask_valid, l.coarse_dn);
        const size_t n = keep.size();
        const uint16_t* __restrict qa = l.dn.data();
        const unsigned char* __restrict masked = masked_by_value.data();
        const unsigned char* __restrict has_qa = mask_valid.data();
        unsigned char* __restrict k = keep.data();
        for (size_t p = 0; p < n; ++p) k[p] &= has_qa[p] & (masked[qa[p]] ^ 1);
        return;
    }
    read_layer(l, w, mask_values, mask_valid, l.coarse);
    for (size_t p = 0; p < keep.size(); ++p) {
        const double v = mask_values[p];
        const bool masked = is_table_index(v) ? masked_by_value[static_cast<size_t>(v)] != 0
                                              : qa_masked(mask, mask_options, v);
        if (!mask_valid[p] || masked) keep[p] = 0;
    }
}

// QA_RADSAT's 0 means "nothing to report": a file that declares 0 as its nodata value would
// otherwise mask every clean pixel, so its validity is not used. Fill is QA_PIXEL's job.
void ProductReader::Impl::mask_by_saturation(const Window& w) {
    Layer& l = layers[*saturation_layer];
    if (l.dn16) {
        read_layer(l, w, l.dn, mask_valid, l.coarse_dn);
        for (size_t p = 0; p < keep.size(); ++p)
            if (landsat_c2_radsat_masked(l.dn[p])) keep[p] = 0;
        return;
    }
    read_layer(l, w, mask_values, mask_valid, l.coarse);
    for (size_t p = 0; p < keep.size(); ++p)
        if (landsat_c2_radsat_masked(static_cast<uint16_t>(mask_values[p]))) keep[p] = 0;
}

}  // namespace gg
