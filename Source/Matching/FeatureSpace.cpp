#include "Matching/FeatureSpace.h"

#include <algorithm>
#include <cmath>

namespace moodboard::matching
{
namespace
{
constexpr double minTempo = 50.0, maxTempo = 200.0;
constexpr double minLoudness = -40.0, maxLoudness = -4.0;

// Used for dimensions the mood text did not ask about.
constexpr double impliedWeight = 0.15;

// A library whose tracks all share one value of a dimension cannot be ranked on it; this keeps
// the division by its span finite and that dimension's differences small.
constexpr double minimumSpan = 0.1;

double clamp01 (double x) { return std::clamp (x, 0.0, 1.0); }

// Calm music tends to be slower, quieter, more acoustic and darker; energetic music the reverse.
// These values give the open dimensions a gentle pull that agrees with the target's energy.
// `p` is placed in the library's scale; the pull is worked out on the mood's own 0..1 energy and
// then placed in the library's range of that dimension.
double impliedValue (FeatureSpace::Dimension d, const mood::MoodPoint& p,
                     const FeatureSpace::Scale& scale)
{
    if (d == FeatureSpace::valence)
        return p.valence;
    if (d == FeatureSpace::energy)
        return p.energy;

    const auto low = scale.low[FeatureSpace::energy], high = scale.high[FeatureSpace::energy];
    const auto e = high - low > 1.0e-6 ? clamp01 ((p.energy - low) / (high - low)) : 0.5;

    double value = 0.5;
    switch (d)
    {
        case FeatureSpace::danceability: value = 0.25 + 0.5 * e; break;
        case FeatureSpace::acousticness: value = 0.9 - 0.8 * e; break;
        case FeatureSpace::tempo: value = 0.15 + 0.6 * e; break;
        case FeatureSpace::loudness: value = 0.3 + 0.65 * e; break;
        case FeatureSpace::brightness: value = 0.25 + 0.5 * e; break;
        case FeatureSpace::valence:
        case FeatureSpace::energy: break;
    }
    return scale.low[(size_t) d] + value * (scale.high[(size_t) d] - scale.low[(size_t) d]);
}
} // namespace

double FeatureSpace::normaliseTempo (double bpm)
{
    return clamp01 ((bpm - minTempo) / (maxTempo - minTempo));
}

double FeatureSpace::normaliseLoudness (double lufs)
{
    return clamp01 ((lufs - minLoudness) / (maxLoudness - minLoudness));
}

double FeatureSpace::weightOf (Dimension d)
{
    switch (d)
    {
        case valence: return 1.0;
        case energy: return 1.0;
        case danceability: return 0.5;
        case acousticness: return 0.5;
        case tempo: return 0.6;
        case loudness: return 0.4;
        case brightness: return 0.3;
    }
    return 0.0;
}

std::array<double, FeatureSpace::numDimensions> FeatureSpace::normalise (const audio::Features& f)
{
    std::array<double, numDimensions> v {};
    v[valence] = clamp01 (f.valence.value_or (0.5));
    v[energy] = clamp01 (f.energy.value_or (0.5));
    v[danceability] = clamp01 (f.danceability.value_or (0.5));
    v[acousticness] = clamp01 (f.acousticness.value_or (0.5));
    // A track without a pulse has no tempo; it sits at the slow end rather than in the middle.
    v[tempo] = f.tempoBpm ? normaliseTempo (*f.tempoBpm) : 0.0;
    v[loudness] = f.loudnessLufs ? normaliseLoudness (*f.loudnessLufs) : 0.0;
    v[brightness] = clamp01 (f.brightness.value_or (0.5));
    return v;
}

std::optional<FeatureSpace::Vector> FeatureSpace::embed (const audio::Features& f)
{
    if (! f.isMatchable())
        return std::nullopt;

    const auto values = normalise (f);
    Vector v {};

    for (int d = 0; d < numDimensions; ++d)
        v[(size_t) d] = (float) (values[(size_t) d] * std::sqrt (weightOf ((Dimension) d)));

    return v;
}

FeatureSpace::Vector FeatureSpace::query (const mood::MoodTarget& target, const mood::MoodPoint& p,
                                          const Scale& scale)
{
    std::array<double, numDimensions> values {};

    for (int d = 0; d < numDimensions; ++d)
        values[(size_t) d] = impliedValue ((Dimension) d, p, scale);

    if (target.danceability) values[danceability] = *target.danceability;
    if (target.acousticness) values[acousticness] = *target.acousticness;
    if (target.tempoBpm)
        values[tempo] = normaliseTempo (0.5 * (target.tempoBpm->min + target.tempoBpm->max));

    Vector v {};
    for (int d = 0; d < numDimensions; ++d)
        v[(size_t) d] = (float) (values[(size_t) d] * std::sqrt (weightOf ((Dimension) d)));

    return v;
}

double FeatureSpace::slotDistance (const audio::Features& f, const mood::MoodTarget& target,
                                   const mood::MoodPoint& p, const Scale& scale)
{
    const auto v = normalise (f);
    double sum = 0.0;

    // Differences are measured in the library's own span of each dimension: a library whose
    // energy spans 0.45 to 0.7 and whose valence spans 0.2 to 0.7 must not treat a step of 0.1
    // in energy (two fifths of what it has) like the same step in valence (a fifth). On the
    // default scale the spans are 1 and nothing changes.
    auto span = [&] (Dimension d) { return std::max (scale.high[d] - scale.low[d], minimumSpan); };
    auto add = [&] (Dimension d, double wanted, bool constrained)
    {
        const double w = constrained ? weightOf (d) : weightOf (d) * impliedWeight;
        const double diff = (v[d] - wanted) / span (d);
        sum += w * diff * diff;
    };

    add (valence, p.valence, true);
    add (energy, p.energy, true);
    add (danceability, target.danceability.value_or (impliedValue (danceability, p, scale)),
         target.danceability.has_value());
    add (acousticness, target.acousticness.value_or (impliedValue (acousticness, p, scale)),
         target.acousticness.has_value());
    add (loudness, impliedValue (loudness, p, scale), false);
    add (brightness, impliedValue (brightness, p, scale), false);

    if (target.tempoBpm && f.tempoBpm)
    {
        // Inside the range costs nothing; outside, the cost grows with the distance to it.
        const auto bpm = *f.tempoBpm;
        const auto outside = bpm < target.tempoBpm->min ? target.tempoBpm->min - bpm
                           : bpm > target.tempoBpm->max ? bpm - target.tempoBpm->max
                                                        : 0.0;
        const auto diff = outside / (maxTempo - minTempo) / span (tempo);
        sum += weightOf (tempo) * 4.0 * diff * diff;
    }
    else
    {
        add (tempo, impliedValue (tempo, p, scale), false);
    }

    return std::sqrt (sum);
}

FeatureSpace::Vector FeatureSpace::query (const mood::MoodTarget& target, const mood::MoodPoint& p)
{
    return query (target, p, Scale {});
}

double FeatureSpace::slotDistance (const audio::Features& f, const mood::MoodTarget& target,
                                   const mood::MoodPoint& p)
{
    return slotDistance (f, target, p, Scale {});
}

} // namespace moodboard::matching
