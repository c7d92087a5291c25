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

void composite(CompositeMethod method, const std::vector<std::vector<ChannelBuffer>>& dates,
               const std::vector<ChannelBuffer>& ndvi, CompositeOutput& out) {
    size_t channels = 0, pixels = 0;
    check_shapes(method, dates, ndvi, channels, pixels);
    const size_t n_dates = dates.size();
    out.channels.resize(channels);
    for (auto& c : out.channels) {
        c.values.assign(pixels, 0.0);
        c.valid.assign(pixels, 0);
    }
    out.count.assign(pixels, 0);
    if (method == CompositeMethod::MaxNdvi)
        out.chosen.assign(pixels, -1);
    else
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
            bool ok = method != CompositeMethod::MaxNdvi || ndvi[d].valid[p];
            for (size_t c = 0; ok && c < channels; ++c) ok = valid[d * channels + c][p] != 0;
            if (ok) valid_dates[n_valid++] = d;
        }
        out.count[p] = static_cast<int>(n_valid);
        if (n_valid == 0) continue;
        if (method == CompositeMethod::MaxNdvi) {
            size_t best = valid_dates.front();
            for (size_t k = 0; k < n_valid; ++k)
                if (ndvi[valid_dates[k]].values[p] > ndvi[best].values[p])
                    best = valid_dates[k];  // ties: earliest
            out.chosen[p] = static_cast<int>(best);
            for (size_t c = 0; c < channels; ++c) {
                out.channels[c].values[p] = value[best * channels + c][p];
                out.channels[c].valid[p] = 1;
            }
            continue;
        }
        for (size_t c = 0; c < channels; ++c) {
            double v = 0;
            if (method == CompositeMethod::Mean) {
                for (size_t k = 0; k < n_valid; ++k) v += value[valid_dates[k] * channels + c][p];
                v /= static_cast<double>(n_valid);
            } else {
                // Insertion sort as the values come: a handful per pixel.
                for (size_t k = 0; k < n_valid; ++k) {
                    const double x = value[valid_dates[k] * channels + c][p];
                    size_t i = k;
                    for (; i > 0 && sorted[i - 1] > x; --i) sorted[i] = sorted[i - 1];
                    sorted[i] = x;
                }
                const size_t n = n_valid;
                v = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            }
            out.channels[c].values[p] = v;
            out.channels[c].valid[p] = 1;
        }
    }
}

}  // namespace gg
