// The analysis works on blocks of whatever size the decoder hands out, and its inner loops
// compute several samples side by side. These tests check that neither changes the result:
// the K-weighting in blocks of eight against the filter run sample by sample, and resampling
// and the key against the same input cut into other pieces. Where wide vectors run, the
// K-weighting, resampling and FFT tests also run the plain algorithms (see Audio/Vectors.h),
// which other processors use.
#include "Audio/Fft.h"
#include "Audio/KeyEstimator.h"
#include "Audio/LoudnessMeter.h"
#include "Audio/Resampler.h"
#include "Audio/Vectors.h"
#include "TestSignals.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

using namespace moodboard;
using namespace moodboard::testing;

namespace
{
    /** Cuts [0, length) into pieces of the given sizes, repeated until the end. */
    template <typename Feed>
    void inPieces (size_t length, const std::vector<int>& sizes, Feed&& feed)
    {
        size_t start = 0;
        for (size_t n = 0; start < length; ++n)
        {
            const auto size = std::min ((size_t) sizes[n % sizes.size()], length - start);
            feed (start, (int) size);
            start += size;
        }
    }

    /** A tone with noise on top, different in each channel. */
    Channels makeTestMusic (double seconds, double rate, int numChannels)
    {
        auto channels = makeWhiteNoise (-30.0, seconds, rate, numChannels);
        for (size_t c = 0; c < channels.size(); ++c)
            for (size_t i = 0; i < channels[c].size(); ++i)
                channels[c][i] += (float) (0.3 * std::sin (2.0 * std::numbers::pi
                                                           * (220.0 * (double) (c + 1))
                                                           * (double) i / rate));
        return channels;
    }

    /** The largest |a[i] - b[i]| over two signals of the same length. */
    double largestDifference (const std::vector<float>& a, const std::vector<float>& b)
    {
        double largest = 0.0;
        for (size_t i = 0; i < a.size(); ++i)
            largest = std::max (largest, (double) std::abs (a[i] - b[i]));
        return largest;
    }

    /** Turns the wide-vector algorithms off for as long as it lives. */
    struct PlainVectors
    {
        explicit PlainVectors (bool plain) { audio::preferPlainVectors (plain); }
        ~PlainVectors() { audio::preferPlainVectors (false); }
    };

    /** One biquad in transposed direct form II, sample by sample, in double. */
    struct ReferenceBiquad
    {
        double b0, b1, b2, a1, a2, s1 = 0.0, s2 = 0.0;

        double operator() (double x)
        {
            const auto y = b0 * x + s1;
            s1 = b1 * x - a1 * y + s2;
            s2 = b2 * x - a2 * y;
            return y;
        }
    };
} // namespace

TEST_CASE ("K-weighting in blocks of eight matches the BS.1770 filters run sample by sample",
           "[analysis][loudness]")
{
    // The coefficients ITU-R BS.1770-4 publishes for 48 kHz; the meter designs its own for the
    // rate, so this also checks that design.
    const double rate = 48000.0;
    const auto channels = makeTestMusic (3.0, rate, 2);
    const auto length = channels.front().size();

    // 100 ms steps of the summed squares of both channels, then the mean of the 400 ms blocks;
    // the signal is steady, so every block passes both gates (checked below).
    const auto step = (size_t) (rate / 10.0);
    std::vector<double> steps;
    double current = 0.0;
    std::vector<ReferenceBiquad> shelf (2, { 1.53512485958697, -2.69169618940638,
                                             1.19839281085285, -1.69065929318241,
                                             0.73248077421585 });
    std::vector<ReferenceBiquad> highPass (2, { 1.0, -2.0, 1.0, -1.99004745483398,
                                                0.99007225036621 });
    for (size_t i = 0; i < length; ++i)
    {
        for (size_t c = 0; c < 2; ++c)
        {
            const auto y = highPass[c] (shelf[c] ((double) channels[c][i]));
            current += y * y;
        }
        if ((i + 1) % step == 0)
        {
            steps.push_back (current);
            current = 0.0;
        }
    }

    double sum = 0.0, smallest = 1.0e300, largest = 0.0;
    int blocks = 0;
    for (size_t b = 0; b + 4 <= steps.size(); ++b, ++blocks)
    {
        const auto mean = (steps[b] + steps[b + 1] + steps[b + 2] + steps[b + 3])
                        / (4.0 * (double) step);
        sum += mean;
        smallest = std::min (smallest, mean);
        largest = std::max (largest, mean);
    }
    REQUIRE (smallest > 0.5 * largest);  // no block near either gate
    const auto expected = -0.691 + 10.0 * std::log10 (sum / blocks);

    for (const auto plain : { false, true })
    for (const auto& sizes : std::vector<std::vector<int>> { { (int) length }, { 1 }, { 7, 8, 9 },
                                                             { 13, 4799, 64, 3 } })
    {
        INFO ("pieces of " << sizes.front() << " samples first, plain algorithms " << plain);
        const PlainVectors scope (plain);
        audio::LoudnessMeter meter (rate, 2);
        inPieces (length, sizes, [&] (size_t start, int count)
        {
            const float* pointers[] { channels[0].data() + start, channels[1].data() + start };
            meter.process (pointers, count);
        });
        REQUIRE (meter.getIntegratedLoudness().has_value());
        CHECK (*meter.getIntegratedLoudness() == Approx (expected).margin (0.001));
    }
}

TEST_CASE ("K-weighting in blocks matches the sample filter at every rate, under a DC offset",
           "[analysis][loudness]")
{
    // The blocks run in single precision, the plain path's filter in double. The high-pass's
    // poles sit closest to 1 at high rates, where rounding matters most; a large DC offset
    // under quiet sound is what it must remove exactly, and deep bass is what it passes with
    // the least margin. Blocks applying the whole filter to the raw samples in float were
    // 14 LU off on the first signal at 96 kHz; a second difference summing x[n] and x[n-2]
    // first was 0.24 LU off on the second at 192 kHz, and 0.018 LU at 48 kHz. Above 48 kHz
    // the meter uses the double filter, so the two agree exactly there (the blocks were
    // 0.024 LU off on the third at 96 kHz, 0.027 at 192 kHz and 0.9 LU at 352.8 kHz).
    if (! audio::wideVectorsRun())
    {
        WARN ("Wide vectors do not run here, so there are no blocks to compare.");
        return;
    }

    struct Signal
    {
        const char* name;
        double seconds, hz, peak, offset;  // hz 0: white noise peaking at `peak`
    };
    const Signal signals[] { { "noise at -60 dBFS on a 0.5 offset", 12.0, 0.0, 1.0e-3, 0.5 },
                             { "40 Hz at -40 dBFS on a 0.5 offset", 12.0, 40.0, 1.0e-2, 0.5 },
                             { "15 Hz at half scale", 6.0, 15.0, 0.5, 0.0 },
                             { "noise at -60 dBFS", 4.0, 0.0, 1.0e-3, 0.0 } };

    double worst = 0.0;
    for (const double rate : { 8000.0, 44100.0, 48000.0, 96000.0, 192000.0, 384000.0, 768000.0 })
    for (const auto& signal : signals)
    {
        INFO ("rate " << rate << ", " << signal.name);
        auto channels = signal.hz > 0.0
                      ? makeSine (signal.hz, signal.peak, signal.seconds, rate, 2)
                      : makeWhiteNoise (20.0 * std::log10 (signal.peak), signal.seconds, rate, 2);
        for (auto& channel : channels)
            for (auto& x : channel)
                x += (float) signal.offset;

        const auto measure = [&] (bool plain)
        {
            const PlainVectors scope (plain);
            audio::LoudnessMeter meter (rate, 2);
            const float* pointers[] { channels[0].data(), channels[1].data() };
            meter.process (pointers, (int) channels[0].size());
            return meter.getIntegratedLoudness();
        };

        const auto blocks = measure (false), samples = measure (true);
        REQUIRE (blocks.has_value());
        REQUIRE (samples.has_value());
        CHECK (*blocks == Approx (*samples).margin (0.005));
        if (rate > 48000.0)
            CHECK (*blocks == *samples);
        worst = std::max (worst, std::abs (*blocks - *samples));
    }
    INFO ("largest difference " << worst << " LU");
    CHECK (worst > 0.0);  // the blocks did run
}

TEST_CASE ("Resampling gives the same samples however the input is cut",
           "[analysis][resampler]")
{
    // 44.1 and 88.2 kHz take the whole-ratio path (2:1 and 4:1) where wide vectors run, 48 kHz
    // the general one; the plain algorithms take the general path for all three.
    for (const auto plain : { false, true })
    for (const double rate : { 44100.0, 88200.0, 48000.0 })
    {
        INFO ("input rate " << rate << ", plain algorithms " << plain);
        const PlainVectors scope (plain);
        const auto input = makeWhiteNoise (-6.0, 1.5, rate, 1).front();

        const auto convert = [&] (const std::vector<int>& sizes)
        {
            audio::Resampler resampler (rate, 22050.0);
            std::vector<float> out;
            inPieces (input.size(), sizes, [&] (size_t start, int count)
            {
                resampler.process (input.data() + start, count, out);
            });
            resampler.finish (out);
            return out;
        };

        const auto whole = convert ({ (int) input.size() });
        CHECK (whole.size() == (size_t) std::floor ((double) input.size() * 22050.0 / rate));

        for (const auto& sizes : std::vector<std::vector<int>> { { 1 }, { 5, 64, 1000 },
                                                                 { 4097, 3 } })
        {
            INFO ("pieces of " << sizes.front() << " samples first");
            const auto cut = convert (sizes);
            REQUIRE (cut.size() == whole.size());
            CHECK (largestDifference (cut, whole) < 1.0e-6);
        }
    }
}

TEST_CASE ("The key estimate does not depend on how the input is cut", "[analysis][key]")
{
    const double rate = 22050.0;
    const auto music = makeChordProgression (9, true, 12.0, rate).front();
    const auto whole = audio::KeyEstimator::estimate (music, rate);
    REQUIRE (whole.tonic.has_value());
    CHECK (*whole.tonic == 9);
    CHECK (whole.mode == 0);

    for (const auto& sizes : std::vector<std::vector<int>> { { 1000 }, { 3, 4096, 777 } })
    {
        INFO ("pieces of " << sizes.front() << " samples first");
        audio::KeyEstimator estimator (rate);
        inPieces (music.size(), sizes, [&] (size_t start, int count)
        {
            estimator.process (music.data() + start, count);
        });
        estimator.finish();
        const auto cut = estimator.getEstimate();
        CHECK (cut.tonic == whole.tonic);
        CHECK (cut.mode == whole.mode);
        for (size_t pc = 0; pc < 12; ++pc)
            CHECK (cut.chroma[pc] == Approx (whole.chroma[pc]).margin (1.0e-6));
    }
}

TEST_CASE ("The whole-ratio resampler gives the general resampler's samples",
           "[analysis][resampler]")
{
    if (! audio::wideVectorsRun())
    {
        WARN ("Wide vectors do not run here, so there is no whole-ratio path to compare.");
        return;
    }

    // At a cutoff of 1.0 every other tap is zero and the whole-ratio path skips those.
    const auto input = makeWhiteNoise (-6.0, 1.0, 44100.0, 1).front();
    for (const auto cutoff : { 0.9, 1.0 })
    {
        INFO ("cutoff " << cutoff);
        const auto convert = [&] (bool plain)
        {
            const PlainVectors scope (plain);
            audio::Resampler resampler (44100.0, 22050.0, cutoff);
            std::vector<float> out;
            resampler.process (input.data(), (int) input.size(), out);
            resampler.finish (out);
            return out;
        };

        const auto wide = convert (false), general = convert (true);
        REQUIRE (wide.size() == general.size());
        CHECK (largestDifference (wide, general) < 1.0e-5);
    }
}

TEST_CASE ("The FFT gives the same spectrum with two stages per pass and with one",
           "[analysis][fft]")
{
    if (! audio::wideVectorsRun())
    {
        WARN ("Wide vectors do not run here, so the FFT has one stage per pass only.");
        return;
    }

    std::mt19937 random (3);
    std::uniform_real_distribution<float> uniform (-1.0f, 1.0f);

    for (int order = 2; order <= 13; ++order)
    {
        INFO ("order " << order);
        const auto size = 1 << order;
        std::vector<float> input ((size_t) size);
        for (auto& x : input)
            x = uniform (random);

        const auto spectrum = [&] (bool plain)
        {
            const PlainVectors scope (plain);
            audio::Fft fft (order);
            std::vector<float> power ((size_t) size / 2 + 1);
            fft.performRealPower (input.data(), power.data());
            return power;
        };

        const auto wide = spectrum (false), plain = spectrum (true);
        const auto largest = *std::max_element (plain.begin(), plain.end());
        for (size_t k = 0; k < wide.size(); ++k)
            CHECK (std::abs (wide[k] - plain[k]) < 1.0e-5f * largest);
    }
}

TEST_CASE ("The vector logarithm agrees with std::log", "[analysis][onset]")
{
    // Log-spaced over the normal floats, and densely around 1, where the result is near zero
    // and the series does the work.
    std::vector<float> values;
    for (double e = -37.0; e <= 38.0; e += 0.01)
        values.push_back ((float) std::pow (10.0, e));
    for (int i = -1000; i <= 1000; ++i)
        values.push_back (1.0f + (float) i * 1.0e-4f);
    while (values.size() % 8 != 0)
        values.push_back (2.0f);

    double worst = 0.0;
    for (size_t i = 0; i < values.size(); i += 8)
    {
        audio::Float8 x, result;
        audio::load (x, values.data() + i);
        audio::logarithm (x, result);
        for (size_t k = 0; k < 8; ++k)
        {
            const auto exact = std::log ((double) values[i + k]);
            worst = std::max (worst, std::abs ((double) result[k] - exact)
                                         / std::max (1.0, std::abs (exact)));
        }
    }
    CHECK (worst < 2.0e-7);
    audio::Float8 one { 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f }, zero;
    audio::logarithm (one, zero);
    CHECK (zero[0] == 0.0f);
}
