#include "Audio/Resampler.h"

#include "Audio/Vectors.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace moodboard::audio
{

namespace
{
    constexpr int zeroCrossings = 10;      // of the sinc, either side of the centre
    constexpr int phases = 512;            // kernel banks between two input samples
    constexpr double kaiserBeta = 8.0;     // about 80 dB stop-band attenuation
    constexpr int tapMultiple = 8;         // taps are padded with zeros to whole vector pairs

    /** The dot product of x and h; `taps` is a multiple of tapMultiple. */
    float dotProduct (const float* x, const float* h, int taps) noexcept
    {
        // Two sums of four floats each: a plain loop with scalar sums does not vectorise.
        Float4 a {}, b {};
        for (int j = 0; j < taps; j += tapMultiple)
        {
            Float4 x0, x1, h0, h1;
            load (x0, x + j);
            load (x1, x + j + 4);
            load (h0, h + j);
            load (h1, h + j + 4);
            a += x0 * h0;
            b += x1 * h1;
        }
        const Float4 s = a + b;
        return (s[0] + s[1]) + (s[2] + s[3]);
    }

    double besselI0 (double x)
    {
        double sum = 1.0, term = 1.0;
        for (int k = 1; k < 30; ++k)
        {
            term *= (x / (2.0 * k)) * (x / (2.0 * k));
            sum += term;
        }
        return sum;
    }
} // namespace

Resampler::Resampler (double inputRate, double outputRate, double cutoffFraction)
{
    passThrough = std::abs (inputRate - outputRate) < 1.0e-9 * outputRate;
    ratio = outputRate / inputRate;
    step = inputRate / outputRate;
    // The whole-ratio path computes eight outputs per vector; without wide registers the
    // general path's dot products are faster (see Vectors.h).
    if (const auto whole = std::round (step); wideVectorsRun() && whole >= 2.0 && whole <= 16.0
                                              && std::abs (step - whole) < 1.0e-9 * whole)
    {
        decimation = (int) whole;
        step = whole;
    }

    // The cutoff, as a fraction of the input rate; sinc zero crossings are 1 / (2 fc) apart.
    const auto cutoff = cutoffFraction * 0.5 * std::min (inputRate, outputRate) / inputRate;
    crossingSpacing = 1.0 / (2.0 * cutoff);
    halfWidth = (int) std::ceil (zeroCrossings * crossingSpacing);
    gain = 2.0 * cutoff;
    taps = (2 * halfWidth + tapMultiple - 1) / tapMultiple * tapMultiple;
    lookAhead = taps - halfWidth;

    // Phases are filled in when an output sample first needs them (see phaseTaps()): a ratio
    // such as 2:1 uses a single phase, and tabulating all of them cost more than resampling a
    // three-minute song.
    windowNormaliser = 1.0 / besselI0 (kaiserBeta);
    bank.resize ((size_t) (phases + 1) * (size_t) taps);
    phaseReady.assign ((size_t) phases + 1, false);

    // Start with half a kernel of silence so the first output sample is centred on input 0.
    pending.assign ((size_t) halfWidth, 0.0f);
    nextPosition = halfWidth;
}

namespace
{
    constexpr int outputsPerGroup = 64;  // eight vectors of outputs summed side by side

    /** out[m] = sum of h[j] * x[factor * m + j] over the taps, for m < count, where x is
        `held` followed by `fresh` (heldLength values, then as many of fresh as needed): the
        samples kept from earlier calls, then the caller's new ones, read where they lie
        rather than copied together first. Reads x up to factor * (count - 1) + taps - 1.
        The input is first split into `factor` planes (every factor-th sample), so that eight
        neighbouring outputs read eight neighbouring plane values: each tap is then one
        multiply-add on eight outputs, and eight groups of eight are summed at once to keep
        the adder busy.
    */
    MOODBOARD_VECTOR_CLONES
    void decimate (const float* held, long long heldLength, const float* fresh, int factor,
                   const float* h, int taps, float* out, int count, std::vector<float>& planes,
                   std::vector<Resampler::Tap>& used)
    {
        const auto groups = (count + outputsPerGroup - 1) / outputsPerGroup;
        const auto planeLength = groups * outputsPerGroup + taps / factor + 1;
        const auto lastInput = (long long) factor * (count - 1) + taps - 1;
        planes.resize ((size_t) (planeLength * factor));

        // plane[i] = src[start + factor * i] for i < n, reading src no further than `end`.
        const auto split = [factor] (float* plane, const float* src, long long start,
                                     long long n, long long end)
        {
            long long i = 0;
            if (factor == 2)  // the common case (44.1 kHz), split with shuffles
                for (; i + 8 <= n && start + 2 * i + 16 <= end; i += 8)
                {
                    Float8 a, b;
                    load (a, src + start + 2 * i);
                    load (b, src + start + 2 * i + 8);
                    store (plane + i, __builtin_shufflevector (a, b, 0, 2, 4, 6, 8, 10, 12, 14));
                }
            for (; i < n; ++i)
                plane[i] = src[start + factor * i];
        };

        for (int r = 0; r < factor; ++r)
        {
            auto* plane = planes.data() + (size_t) (r * planeLength);
            const auto filled = std::min ((long long) planeLength, (lastInput - r) / factor + 1);
            // Plane values 0 .. fromHeld - 1 lie in `held`, the rest in `fresh`.
            const auto fromHeld = std::clamp ((heldLength - r + factor - 1) / factor, 0LL, filled);
            split (plane, held, r, fromHeld, heldLength);
            const auto freshStart = r + factor * fromHeld - heldLength;
            split (plane + fromHeld, fresh, freshStart, filled - fromHeld,
                   lastInput + 1 - heldLength);
            std::fill (plane + filled, plane + planeLength, 0.0f);
        }

        // The taps that are not zero (the padding, every other one at a cutoff of 1.0, the
        // kernel's ends at some ratios), each with where it starts reading: tap j = factor * q + r
        // reads plane r from q on. One flat loop over them keeps the sums in registers.
        used.clear();
        for (int j = 0; j < taps; ++j)
            if (h[j] != 0.0f)
                used.push_back ({ (j % factor) * planeLength + j / factor, h[j] });

        for (int g = 0; g < groups; ++g)
        {
            const auto* planesHere = planes.data() + (size_t) (g * outputsPerGroup);
            Float8 sum[outputsPerGroup / 8];
            for (auto& s : sum)
                s = Float8 {};
            for (const auto& [offset, tap] : used)
            {
                const auto* plane = planesHere + offset;
                for (int v = 0; v < outputsPerGroup / 8; ++v)
                {
                    Float8 x8;
                    load (x8, plane + 8 * v);
                    sum[v] += tap * x8;
                }
            }

            const auto first = g * outputsPerGroup;
            for (int v = 0; v < outputsPerGroup / 8; ++v)
            {
                if (first + 8 * v + 8 <= count)
                    store (out + first + 8 * v, sum[v]);
                else
                    for (int m = 0; first + 8 * v + m < count; ++m)
                        out[first + 8 * v + m] = sum[v][m];
            }
        }
    }
} // namespace

double Resampler::kernelAt (double distance) const noexcept
{
    const auto x = std::abs (distance) / crossingSpacing;  // in zero crossings
    if (x >= zeroCrossings)
        return 0.0;

    // Exact zeros where the sinc crosses zero: with the cutoff at the output's Nyquist frequency
    // and a whole-number ratio, every other tap lands there, and the decimation skips zero taps.
    // sin (pi * k) in double is about 1e-16 * k, not zero.
    if (const auto crossing = std::round (x); crossing >= 1.0 && std::abs (x - crossing) < 1.0e-12)
        return 0.0;

    const auto sinc = x < 1.0e-9 ? 1.0 : std::sin (std::numbers::pi * x) / (std::numbers::pi * x);
    const auto r = x / zeroCrossings;
    const auto window = besselI0 (kaiserBeta * std::sqrt (1.0 - r * r)) * windowNormaliser;
    return gain * sinc * window;
}

const float* Resampler::phaseTaps (int phase)
{
    // Tap j of phase p weighs input sample (centre - halfWidth + 1 + j) for an output sample at
    // centre + p / phases. Taps past 2 * halfWidth lie beyond the kernel's reach and are zero.
    auto* h = bank.data() + (size_t) phase * (size_t) taps;
    if (! phaseReady[(size_t) phase])
    {
        for (int j = 0; j < taps; ++j)
            h[j] = (float) kernelAt ((double) (j - halfWidth + 1) - (double) phase / phases);
        phaseReady[(size_t) phase] = true;
    }
    return h;
}

void Resampler::process (const float* input, int numSamples, std::vector<float>& output)
{
    if (numSamples <= 0)
        return;

    totalInput += numSamples;

    if (passThrough)
    {
        output.insert (output.end(), input, input + numSamples);
        totalOutput += numSamples;
        return;
    }

    if (decimation > 1)
    {
        produceWhole (input, numSamples, output, false);
        return;
    }

    pending.insert (pending.end(), input, input + numSamples);
    produce (output, false);
}

void Resampler::finish (std::vector<float>& output)
{
    if (passThrough)
        return;

    const std::vector<float> silence ((size_t) lookAhead + 2, 0.0f);
    if (decimation > 1)
    {
        produceWhole (silence.data(), (int) silence.size(), output, true);
        return;
    }

    pending.insert (pending.end(), silence.begin(), silence.end());
    produce (output, true);
}

void Resampler::produceWhole (const float* input, int numSamples, std::vector<float>& output,
                              bool flushing)
{
    // Whole-number ratios (44.1 kHz to 22.05 kHz, 88.2 to 22.05) always use phase 0, so every
    // output ready now can be computed in one pass, reading the kept samples and the new ones
    // where they lie; only what later outputs still need is kept. nextPosition stays whole.
    // The input is `pending` followed by input[0 .. numSamples - 1]; the last output ready
    // sits at most `room` samples after the next one, with its whole kernel available.
    const auto held = (long long) pending.size();
    const auto available = held + numSamples;
    const auto wanted = (long long) std::floor ((double) totalInput * ratio);
    const auto room = available - 2 - lookAhead - (long long) nextPosition;
    auto ready = room >= 0 ? room / decimation + 1 : 0LL;
    if (flushing)
        ready = std::min (ready, std::max (0LL, wanted - totalOutput));

    if (ready > 0)
    {
        const auto first = output.size();
        output.resize (first + (size_t) ready);
        const auto start = (long long) nextPosition - halfWidth + 1;  // first tap's input
        decimate (pending.data() + std::min (start, held), std::max (0LL, held - start),
                  input + std::max (0LL, start - held), decimation, phaseTaps (0), taps,
                  output.data() + first, (int) ready, planes, usedTaps);
        totalOutput += ready;
        nextPosition += (double) (ready * decimation);
    }

    // Keep what a later output can reach: from firstNeeded on, partly from pending and
    // partly from the input.
    const auto firstNeeded = std::clamp ((long long) nextPosition - halfWidth, 0LL, available);
    if (firstNeeded < held)
    {
        pending.erase (pending.begin(), pending.begin() + (std::ptrdiff_t) firstNeeded);
        pending.insert (pending.end(), input, input + numSamples);
    }
    else
    {
        pending.assign (input + (firstNeeded - held), input + numSamples);
    }
    nextPosition -= (double) firstNeeded;
}

void Resampler::produce (std::vector<float>& output, bool flushing)
{
    const auto available = (long long) pending.size();
    const auto wanted = (long long) std::floor ((double) totalInput * ratio);

    while (nextPosition + lookAhead + 1 < (double) available)
    {
        if (flushing && totalOutput >= wanted)
            break;

        const auto centre = (long long) std::floor (nextPosition);
        const auto phase = (int) std::lround ((nextPosition - (double) centre) * phases);
        const auto* x = pending.data() + (centre - halfWidth + 1);
        const auto* h = phaseTaps (phase);

        output.push_back (dotProduct (x, h, taps));
        ++totalOutput;
        nextPosition += step;
    }

    // Drop input that no future output sample can reach.
    const auto firstNeeded = (long long) std::floor (nextPosition) - halfWidth;
    if (firstNeeded > 0)
    {
        pending.erase (pending.begin(), pending.begin() + (std::ptrdiff_t) firstNeeded);
        nextPosition -= (double) firstNeeded;
    }
}

} // namespace moodboard::audio
