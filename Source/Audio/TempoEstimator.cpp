#include "Audio/TempoEstimator.h"

#include "Audio/Vectors.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace moodboard::audio
{

namespace
{
    constexpr double priorCentreBpm = 120.0;
    constexpr double priorSpreadOctaves = 0.6;
    constexpr double minimumSeconds = 5.0;
    constexpr double minimumDeviation = 1.0e-3;  // of the onset values; below it nothing moves
    constexpr double minimumPulse = 0.12;
    constexpr double halvingRatio = 0.15;         // weak beat / strong beat below this: halve
    constexpr double doublingRatio = 0.45;        // off-beat / beat above this: strong off-beats
    constexpr double splitRatio = 0.5;            // alternatives scoring above this are reported
    constexpr int combSize = 4;

    /** The autocorrelation read at a fractional lag. */
    struct Correlation
    {
        std::vector<double> values;  // normalised, values[0] == 1

        [[nodiscard]] double at (double lag) const
        {
            const auto low = (size_t) lag;
            if (lag < 0.0 || low + 1 >= values.size())
                return 0.0;
            const auto frac = lag - (double) low;
            return values[low] + frac * (values[low + 1] - values[low]);
        }
    };

    double prior (double bpm)
    {
        const auto octaves = std::log2 (bpm / priorCentreBpm) / priorSpreadOctaves;
        return std::exp (-0.5 * octaves * octaves);
    }

    double combScore (const Correlation& acf, double period)
    {
        double sum = 0.0;
        for (int k = 1; k <= combSize; ++k)
            sum += acf.at (k * period);
        return sum / combSize;
    }

    double sampleAt (const std::vector<double>& x, double position)
    {
        const auto low = (size_t) position;
        if (position < 0.0 || low + 1 >= x.size())
            return 0.0;
        const auto frac = position - (double) low;
        return x[low] + frac * (x[low + 1] - x[low]);
    }

    /** Mean onset strength on a grid of the given period starting at phase. */
    double gridEnergy (const std::vector<double>& x, double period, double phase)
    {
        double sum = 0.0;
        int count = 0;
        for (auto t = phase; t + 1.0 < (double) x.size(); t += period, ++count)
            sum += sampleAt (x, t);
        return count > 0 ? sum / count : 0.0;
    }

    /** The phase in [0, period) with the most onset energy, and that energy. */
    std::pair<double, double> bestPhase (const std::vector<double>& x, double period)
    {
        double best = 0.0, bestEnergy = -1.0;
        for (double phase = 0.0; phase < period; phase += 0.5)
            if (const auto e = gridEnergy (x, period, phase); e > bestEnergy)
            {
                bestEnergy = e;
                best = phase;
            }
        return { best, std::max (bestEnergy, 0.0) };
    }

    /** The best-weighted bpm within +-range (a ratio) of centre, on a fine log grid. */
    std::pair<double, double> searchBpm (const Correlation& acf, double frameRate, double low,
                                         double high, bool usePrior)
    {
        double bestBpm = low, bestScore = -1.0e9;
        for (auto bpm = low; bpm <= high; bpm *= 1.001)
        {
            auto score = combScore (acf, 60.0 * frameRate / bpm);
            if (usePrior)
                score *= prior (bpm);
            if (score > bestScore)
            {
                bestScore = score;
                bestBpm = bpm;
            }
        }
        return { bestBpm, bestScore };
    }
} // namespace

TempoEstimate TempoEstimator::estimate (const std::vector<float>& onsets, double frameRate)
{
    TempoEstimate result;
    const auto n = onsets.size();

    if (frameRate <= 0.0 || (double) n < minimumSeconds * frameRate)
        return result;

    // Smooth lightly so that beats falling between frames still line up at fractional lags.
    std::vector<double> smooth (n);
    for (size_t i = 0; i < n; ++i)
    {
        const auto before = onsets[i > 0 ? i - 1 : i];
        const auto after = onsets[i + 1 < n ? i + 1 : i];
        smooth[i] = 0.25 * before + 0.5 * onsets[i] + 0.25 * after;
    }

    // Remove the trend over about one second and keep the rises above it.
    const auto radius = (size_t) std::max (1.0, std::round (0.5 * frameRate));
    std::vector<double> prefix (n + 1, 0.0);
    for (size_t i = 0; i < n; ++i)
        prefix[i + 1] = prefix[i] + smooth[i];

    std::vector<double> pulse (n);
    for (size_t i = 0; i < n; ++i)
    {
        const auto from = i > radius ? i - radius : 0;
        const auto to = std::min (n, i + radius + 1);
        const auto localMean = (prefix[to] - prefix[from]) / (double) (to - from);
        pulse[i] = std::max (0.0, smooth[i] - localMean);
    }

    const auto mean = std::accumulate (pulse.begin(), pulse.end(), 0.0) / (double) n;
    std::vector<double> centred (n);
    double variance = 0.0;
    for (size_t i = 0; i < n; ++i)
    {
        centred[i] = pulse[i] - mean;
        variance += centred[i] * centred[i];
    }

    if (std::sqrt (variance / (double) n) < minimumDeviation)
        return result;

    // Onset rate: local maxima standing clearly above the typical level.
    const auto deviation = std::sqrt (variance / (double) n);
    int peaks = 0;
    for (size_t i = 1; i + 1 < n; ++i)
        if (pulse[i] > mean + deviation && pulse[i] > pulse[i - 1] && pulse[i] >= pulse[i + 1])
            ++peaks;
    result.onsetRate = peaks * frameRate / (double) n;

    const auto maxLag = (size_t) std::ceil (combSize * 60.0 * frameRate / minBpm) + 2;
    Correlation acf;
    acf.values.assign (maxLag + 1, 0.0);
    for (size_t lag = 0; lag <= maxLag && lag < n; ++lag)
    {
        acf.values[lag] = sumOfProducts (centred.data(), centred.data() + lag, (int) (n - lag))
                        / variance;
    }

    auto [bpm, weighted] = searchBpm (acf, frameRate, minBpm, maxBpm, true);
    const auto pulseStrength = combScore (acf, 60.0 * frameRate / bpm);
    result.pulseStrength = std::clamp (pulseStrength, 0.0, 1.0);

    // Noise correlates with itself by chance at about 1 / sqrt(n) per lag.
    if (pulseStrength < std::max (minimumPulse, 4.0 / std::sqrt ((double) n)))
        return result;

    const auto periodOf = [frameRate] (double b) { return 60.0 * frameRate / b; };
    const auto refine = [&] (double around)
    {
        return searchBpm (acf, frameRate, around / 1.03, around * 1.03, false).first;
    };

    // Metrical check: is every other beat much weaker, or are off-beats nearly as strong?
    const auto [phase2, strong] = bestPhase (pulse, 2.0 * periodOf (bpm));
    const auto weak = gridEnergy (pulse, 2.0 * periodOf (bpm), phase2 + periodOf (bpm));
    const auto [phase1, onBeat] = bestPhase (pulse, periodOf (bpm));
    const auto offBeat = gridEnergy (pulse, periodOf (bpm), phase1 + 0.5 * periodOf (bpm));

    // Strong off-beats say that the double is a possible beat, not that it is the beat: eighth
    // notes on a hi-hat, a shaker or a strummed guitar fill the off-beats of nearly every song,
    // at 90 BPM as at 180. So the off-beat ratio is weighed against how likely each reading is
    // a priori: the ratio over its threshold counts as the evidence (the odds) for the faster
    // reading and multiplies the prior odds of the two tempi. At or below about 85 BPM, where
    // the prior favours the double (85 and 170 lie half an octave either side of 120 BPM) the
    // threshold alone decides, as it did before. Above, the bar rises fast: 90 BPM needs
    // off-beats at 57 % of the beats, 100 BPM at 87 %, and from about 104 BPM the off-beats
    // would have to outweigh the beats, which the strongest phase never lets them do; so a
    // reading above 104 BPM is never doubled.
    const auto offBeatRatio = onBeat > 0.0 ? offBeat / onBeat : 0.0;
    const auto strongOffBeats = offBeatRatio > doublingRatio;
    const auto doublingOdds = prior (bpm * 2.0) / prior (bpm) * offBeatRatio / doublingRatio;

    // Strong off-beats also outweigh a weak second beat, whether or not they double: a
    // syncopated figure (a hit on one, the "ands" between) leaves every other beat of the found
    // tempo quiet, and halving there lands a quarter of the way down instead of on the beat.
    if (strongOffBeats)
    {
        if (bpm * 2.0 <= maxBpm && doublingOdds > 1.0)
            bpm = refine (bpm * 2.0);
    }
    else if (bpm / 2.0 >= minBpm && weak < halvingRatio * strong)
    {
        bpm = refine (bpm / 2.0);
    }

    const auto chosen = combScore (acf, periodOf (bpm)) * prior (bpm);
    const auto half = combScore (acf, periodOf (bpm / 2.0)) * prior (bpm / 2.0);
    const auto twice = combScore (acf, periodOf (bpm * 2.0)) * prior (bpm * 2.0);
    const auto alternative = half >= twice ? bpm / 2.0 : bpm * 2.0;
    const auto split = chosen > 0.0 ? std::clamp (std::max (half, twice) / chosen, 0.0, 1.0) : 1.0;

    result.bpm = bpm;
    if (split >= splitRatio && alternative >= minBpm / 2.0 && alternative <= maxBpm * 2.0)
        result.alternativeBpm = alternative;

    const auto [finalPhase, finalOnBeat] = bestPhase (pulse, periodOf (bpm));
    const auto concentration = mean > 0.0 ? finalOnBeat / mean : 0.0;
    result.regularity = std::clamp ((concentration - 1.0) / (concentration + 1.0), 0.0, 1.0);
    result.confidence = std::clamp ((pulseStrength - minimumPulse) / (0.6 - minimumPulse), 0.0, 1.0)
                        * (1.0 - 0.5 * split);
    return result;
}

} // namespace moodboard::audio
