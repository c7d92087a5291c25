#pragma once
// Per-pixel composites of N dates of the same area (docs/methods.md section 2-3 give the
// reflectance and the indices composited). Each date gives, over one window, one or more channels
// (band reflectances or a derived index); an observation of date d at pixel p is valid when every
// channel of d is valid at p (and, for max-NDVI, d's NDVI is defined there). Masked pixels are
// skipped; a pixel without any valid observation gets no value (valid = 0) and a count of 0.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/channel.hpp"

namespace gg {

enum class CompositeMethod {
    Median,  // per channel, the median of the valid observations; of an even count, the mean of
             // the two middle values (so a 2-date median is their mean)
    Mean,    // per channel, the arithmetic mean of the valid observations
    MaxNdvi  // the date with the highest valid NDVI; every channel takes that date's value (ties:
             // the earliest date in the given order). The usual "greenest pixel" composite.
};

// "median", "mean", "max-ndvi" (any case; also max_ndvi, maxndvi) -> method; throws gg::Error
// listing the names for an unknown one.
CompositeMethod parse_composite_method(const std::string& name);
std::string composite_method_name(CompositeMethod method);  // "median", "mean", "max-ndvi"

// The median of values (copied: sorted in place); nothing when there is none. Of an even count,
// the mean of the two middle values.
std::optional<double> median_of(std::vector<double> values);

struct CompositeOutput {
    std::vector<ChannelBuffer> channels;  // one per input channel, over the window
    std::vector<int> count;               // valid observations per pixel (0..N)
    std::vector<int> chosen;              // MaxNdvi: the date chosen per pixel, -1 none; else empty
};

// Mean and max-NDVI keep a running state per pixel, so their dates can be folded in one at a time
// and memory does not grow with the number of dates; the median needs every date at once.
bool composite_folds(CompositeMethod method);

// Folds the dates of a mean or max-NDVI composite in one at a time, in the dates' order, giving
// exactly what composite() gives for all of them (the same sums in the same order; the same ties).
class CompositeFold {
  public:
    // method: Mean or MaxNdvi (std::invalid_argument otherwise); `channels` per date over a window
    // of `pixels` cells. out is the accumulator until finish().
    void start(CompositeMethod method, size_t channels, size_t pixels, CompositeOutput& out);
    // Date number `date`: its channels (the first `channels` are used) and, for max-NDVI, its
    // NDVI. Returns the valid observations the date gave (in the sense of count).
    int64_t add(std::span<const ChannelBuffer> channels, const ChannelBuffer* ndvi, int date);
    void finish();

  private:
    CompositeMethod method_ = CompositeMethod::Mean;
    size_t channels_ = 0;
    CompositeOutput* out_ = nullptr;
    std::vector<double> best_ndvi_;
};

// dates[d][c]: channel c of date d over one window; every date has the same channels and every
// buffer the same size. ndvi[d]: the NDVI of date d over the window (MaxNdvi only; ignored and
// may be empty otherwise). Fills out (buffers are reused). Throws std::invalid_argument for
// inconsistent sizes (a programming error, not a user one).
void composite(CompositeMethod method, const std::vector<std::vector<ChannelBuffer>>& dates,
               const std::vector<ChannelBuffer>& ndvi, CompositeOutput& out);

}  // namespace gg
