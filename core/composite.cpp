// Per-pixel composites over N dates (core/composite.hpp).
#include "core/composite.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/error.hpp"

namespace gg {

CompositeMethod parse_composite_method(const std::string& name) {
    std::string key;
    for (const char c : name) {
        const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (l != '-' && l != '_') key.push_back(l);
    }
    if (key == "median") return CompositeMethod::Median;
    if (key == "mean") return CompositeMethod::Mean;
    if (key == "maxndvi") return CompositeMethod::MaxNdvi;
    std::string message = "unknown composite method '";
    message.append(name).append("' (known: median, mean, max-ndvi)");
    throw Error(message);
}

std::string composite_method_name(CompositeMethod method) {
    switch (method) {
        case CompositeMethod::Median:
            return "median";
        case CompositeMethod::Mean:
            return "mean";
        case CompositeMethod::MaxNdvi:
            return "max-ndvi";
    }
    return "?";
}

std::optional<double> median_of(std::vector<double> values) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    if (n % 2 == 1) return values[n / 2];
    return 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

namespace {

void check_shapes(CompositeMethod method, const std::vector<std::vector<ChannelBuffer>>& dates,
                  const std::vector<ChannelBuffer>& ndvi, size_t& channels, size_t& pixels) {
    if (dates.empty()) throw std::invalid_argument("composite: no date");
    channels = dates.front().size();
    if (channels == 0) throw std::invalid_argument("composite: no channel");
    pixels = dates.front().front().values.size();
    for (const auto& d : dates) {
        if (d.size() != channels) throw std::invalid_argument("composite: channel counts differ");
        for (const auto& c : d)
            if (c.values.size() != pixels || c.valid.size() != pixels)
                throw std::invalid_argument("composite: buffer sizes differ");
    }
    if (method != CompositeMethod::MaxNdvi) return;
    if (ndvi.size() != dates.size())
        throw std::invalid_argument("composite: max-ndvi needs the NDVI of every date");
    for (const auto& n : ndvi)
        if (n.values.size() != pixels || n.valid.size() != pixels)
            throw std::invalid_argument("composite: NDVI buffer sizes differ");
}

}  // namespace

bool composite_folds(CompositeMethod method) {
    return method != CompositeMethod::Median;
}

void CompositeFold::start(CompositeMethod method, size_t channels, size_t pixels,
                          CompositeOutput& out) {
    if (!composite_folds(method))
        throw std::invalid_argument("composite: the median does not fold");
    method_ = method;
    channels_ = channels;
    out_ = &out;
    out.channels.resize(channels);
    for (auto& c : out.channels) {
        c.values.assign(pixels, 0.0);  // mean: the running sum
        c.valid.assign(pixels, 0);
    }
    out.count.assign(pixels, 0);
    if (method == CompositeMethod::MaxNdvi) {
        out.chosen.assign(pixels, -1);
        best_ndvi_.assign(pixels, 0.0);
    } else {
        out.chosen.clear();
        best_ndvi_.clear();
    }
}

int64_t CompositeFold::add(std::span<const ChannelBuffer> channels, const ChannelBuffer* ndvi,
                           int date) {
    CompositeOutput& out = *out_;
    const size_t pixels = out.count.size();
    if (channels.size() < channels_) throw std::invalid_argument("composite: too few channels");
    for (size_t c = 0; c < channels_; ++c)
        if (channels[c].values.size() != pixels || channels[c].valid.size() != pixels)
            throw std::invalid_argument("composite: buffer sizes differ");
    const bool max_ndvi = method_ == CompositeMethod::MaxNdvi;
    if (max_ndvi && (!ndvi || ndvi->values.size() != pixels || ndvi->valid.size() != pixels))
        throw std::invalid_argument("composite: max-ndvi needs the NDVI of every date");
    int64_t observed = 0;
    for (size_t p = 0; p < pixels; ++p) {
        bool ok = !max_ndvi || ndvi->valid[p];
        for (size_t c = 0; ok && c < channels_; ++c) ok = channels[c].valid[p] != 0;
        if (!ok) continue;
        ++observed;
        ++out.count[p];
        if (!max_ndvi) {
            for (size_t c = 0; c < channels_; ++c)
                out.channels[c].values[p] += channels[c].values[p];
            continue;
        }
        if (out.chosen[p] >= 0 && !(ndvi->values[p] > best_ndvi_[p])) continue;  // ties: earliest
        out.chosen[p] = date;
        best_ndvi_[p] = ndvi->values[p];
        for (size_t c = 0; c < channels_; ++c) out.channels[c].values[p] = channels[c].values[p];
    }
    return observed;
}

void CompositeFold::finish() {
    CompositeOutput& out = *out_;
    for (size_t p = 0; p < out.count.size(); ++p) {
        if (out.count[p] == 0) continue;
        for (auto& c : out.channels) {
            if (method_ == CompositeMethod::Mean) c.values[p] /= static_cast<double>(out.count[p]);
            c.valid[p] = 1;
        }
    }
}

void composite(CompositeMethod method, const std::vector<std::vector<ChannelBuffer>>& dates,
               const std::vector<ChannelBuffer>& ndvi, CompositeOutput& out) {
    size_t channels = 0, pixels = 0;
    check_shapes(method, dates, ndvi, channels, pixels);
    const size_t n_dates = dates.size();
    if (composite_folds(method)) {
        CompositeFold fold;
        fold.start(method, channels, pixels, out);
        for (size_t d = 0; d < n_dates; ++d)
            fold.add(dates[d], method == CompositeMethod::MaxNdvi ? &ndvi[d] : nullptr,
                     static_cast<int>(d));
        fold.finish();
        return;
    }
    // The median: every date's values of a pixel at once.
    out.channels.resize(channels);
    for (auto& c : out.channels) {
        c.values.assign(pixels, 0.0);
        c.valid.assign(pixels, 0);
    }
    out.count.assign(pixels, 0);
    out.chosen.clear();

    // Plain pointers per date and channel: through the nested vectors each value is three
    // indirections away, and this runs for every pixel.
    std::vector<const double*> value(n_dates * channels);
    std::vector<const unsigned char*> valid(n_dates * channels);
    for (size_t d = 0; d < n_dates; ++d)
        for (size_t c = 0; c < channels; ++c) {
            value[d * channels + c] = dates[d][c].values.data();
            valid[d * channels + c] = dates[d][c].valid.data();
        }
    std::vector<size_t> valid_dates(n_dates);  // of the current pixel: the first n_valid
    std::vector<double> sorted(n_dates);
    for (size_t p = 0; p < pixels; ++p) {
        size_t n_valid = 0;
        for (size_t d = 0; d < n_dates; ++d) {
            bool ok = true;
            for (size_t c = 0; ok && c < channels; ++c) ok = valid[d * channels + c][p] != 0;
            if (ok) valid_dates[n_valid++] = d;
        }
        out.count[p] = static_cast<int>(n_valid);
        if (n_valid == 0) continue;
        for (size_t c = 0; c < channels; ++c) {
            // Insertion sort as the values come: a handful per pixel.
            for (size_t k = 0; k < n_valid; ++k) {
                const double x = value[valid_dates[k] * channels + c][p];
                size_t i = k;
                for (; i > 0 && sorted[i - 1] > x; --i) sorted[i] = sorted[i - 1];
                sorted[i] = x;
            }
            const size_t n = n_valid;
            out.channels[c].values[p] =
                n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            out.channels[c].valid[p] = 1;
        }
    }
}

}  // namespace gg
