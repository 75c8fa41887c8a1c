#include "Audio/FeatureExtractor.h"
#include "Audio/Fft.h"
#include "Audio/Resampler.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <numbers>
#include <random>
#include <vector>

using namespace moodboard;

namespace
{
    /** The textbook O(n^2) transform, in double precision, as the reference. */
    std::vector<std::complex<double>> naiveDft (const std::vector<std::complex<double>>& x)
    {
        const auto n = x.size();
        std::vector<std::complex<double>> result (n);
        for (size_t k = 0; k < n; ++k)
            for (size_t t = 0; t < n; ++t)
                result[k] += x[t] * std::polar (1.0, -2.0 * std::numbers::pi * (double) (k * t % n)
                                                         / (double) n);
        return result;
    }

    double largestMagnitude (const std::vector<std::complex<double>>& x)
    {
        double largest = 0.0;
        for (const auto& v : x)
            largest = std::max (largest, std::abs (v));
        return largest;
    }
} // namespace

TEST_CASE ("The FFT matches the textbook transform at every size", "[analysis][fft]")
{
    std::mt19937 random (7);
    std::uniform_real_distribution<float> uniform (-1.0f, 1.0f);

    for (int order = 1; order <= 11; ++order)
    {
        INFO ("order " << order);
        audio::Fft fft (order);
        const auto n = (size_t) fft.getSize();

        std::vector<float> re (n), im (n);
        std::vector<std::complex<double>> input (n);
        for (size_t i = 0; i < n; ++i)
        {
            re[i] = uniform (random);
            im[i] = uniform (random);
            input[i] = { re[i], im[i] };
        }

        fft.perform (re.data(), im.data());
        const auto expected = naiveDft (input);
        const auto tolerance = 1.0e-5 * largestMagnitude (expected) * order;

        double worst = 0.0;
        for (size_t k = 0; k < n; ++k)
            worst = std::max (worst, std::abs (std::complex<double> (re[k], im[k]) - expected[k]));
        CHECK (worst < tolerance);
    }
}

TEST_CASE ("The real power spectrum matches the textbook transform, the edge bins included",
           "[analysis][fft]")
{
    std::mt19937 random (11);
    std::uniform_real_distribution<float> uniform (-1.0f, 1.0f);

    for (int order = 2; order <= 11; ++order)
    {
        INFO ("order " << order);
        audio::Fft fft (order);
        const auto n = (size_t) fft.getSize();

        std::vector<float> samples (n);
        std::vector<std::complex<double>> input (n);
        for (size_t i = 0; i < n; ++i)
        {
            // A DC offset and a tone at Nyquist make bins 0 and n / 2 large, as in real audio.
            samples[i] = 0.3f + 0.2f * (i % 2 == 0 ? 1.0f : -1.0f) + 0.5f * uniform (random);
            input[i] = samples[i];
        }

        std::vector<float> power (n / 2 + 1);
        fft.performRealPower (samples.data(), power.data());
        const auto expected = naiveDft (input);
        const auto scale = largestMagnitude (expected);

        for (size_t k = 0; k <= n / 2; ++k)
        {
            INFO ("bin " << k);
            const auto magnitude = std::sqrt ((double) power[k]);
            CHECK (std::abs (magnitude - std::abs (expected[k])) < 1.0e-5 * scale * order);
        }
    }
}

TEST_CASE ("Resampling to the analysis rate keeps a tone and removes what cannot be represented",
           "[analysis][fft]")
{
    const auto rms = [] (const std::vector<float>& x, size_t from, size_t to)
    {
        double sum = 0.0;
        for (auto i = from; i < to; ++i)
            sum += (double) x[i] * x[i];
        return std::sqrt (sum / (double) (to - from));
    };

    for (const double inputRate : { 44100.0, 48000.0, 96000.0 })
    {
        INFO ("input rate " << inputRate);
        const auto seconds = 2.0;
        const auto length = (size_t) (inputRate * seconds);

        const auto tone = [&] (double hz)
        {
            std::vector<float> x (length);
            for (size_t i = 0; i < length; ++i)
                x[i] = (float) (0.5 * std::sin (2.0 * std::numbers::pi * hz * (double) i
                                                / inputRate));
            return x;
        };

        const auto convert = [&] (const std::vector<float>& x)
        {
            audio::Resampler resampler (inputRate, 22050.0,
                                        audio::FeatureExtractor::analysisResamplerCutoff);
            std::vector<float> out;
            // Uneven pieces, as a decoder hands them out.
            for (size_t start = 0; start < x.size(); start += 3001)
                resampler.process (x.data() + start,
                                   (int) std::min<size_t> (3001, x.size() - start), out);
            resampler.finish (out);
            return out;
        };

        const auto low = convert (tone (1000.0));
        CHECK (low.size() == (size_t) std::floor ((double) length * 22050.0 / inputRate));
        // Away from the edges, where the filter sees silence beyond the signal.
        CHECK (rms (low, 1000, low.size() - 1000)
               == Approx (0.5 / std::sqrt (2.0)).epsilon (0.002));

        // Sample by sample against the tone itself: the delay is compensated exactly.
        double worst = 0.0;
        for (size_t i = 1000; i + 1000 < low.size(); ++i)
            worst = std::max (worst, std::abs ((double) low[i]
                                               - 0.5 * std::sin (2.0 * std::numbers::pi * 1000.0
                                                                 * (double) i / 22050.0)));
        CHECK (worst < 0.002);

        // 15 kHz cannot exist at 22.05 kHz; it must not fold back as a 7 kHz tone.
        const auto high = convert (tone (15000.0));
        CHECK (rms (high, 1000, high.size() - 1000) < 0.5 * 1.0e-3);
    }
}
