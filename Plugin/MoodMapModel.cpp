#include "MoodMapModel.h"

#include <algorithm>
#include <cmath>

namespace moodboard::plugin
{
namespace
{
/** The 5th and 95th percentile of `values` (all of them below 20 values); 0..1 for fewer than 2. */
std::pair<double, double> spanOf (std::vector<double> values)
{
    if (values.size() < 2)
        return { 0.0, 1.0 };

    std::sort (values.begin(), values.end());
    const auto edge = values.size() >= 20 ? values.size() / 20 : 0;
    return { values[edge], values[values.size() - 1 - edge] };
}

double stretch (double x, double low, double high)
{
    return high - low > 1e-6 ? std::clamp ((x - low) / (high - low), 0.0, 1.0) : 0.5;
}
} // namespace

void MoodMapModel::setTracks (std::shared_ptr<const std::vector<LibraryService::TrackPoint>> tracks)
{
    snapshot = std::move (tracks);
    dots.clear();
    grid.assign (gridSize * gridSize, {});

    if (snapshot == nullptr)
        return;

    std::vector<double> valences, energies;
    valences.reserve (snapshot->size());
    energies.reserve (snapshot->size());

    for (const auto& track : *snapshot)
    {
        valences.push_back (track.valence);
        energies.push_back (track.energy);
    }

    std::tie (valenceLow, valenceHigh) = spanOf (std::move (valences));
    std::tie (energyLow, energyHigh) = spanOf (std::move (energies));

    dots.reserve (snapshot->size());

    for (const auto& track : *snapshot)
    {
        const auto point = toMap (track.valence, track.energy);
        grid[(std::size_t) (cellOf (point.energy) * gridSize + cellOf (point.valence))]
            .push_back (dots.size());
        dots.push_back ({ point, &track });
    }
}

mood::MoodPoint MoodMapModel::toMap (double valence, double energy) const
{
    return { stretch (valence, valenceLow, valenceHigh), stretch (energy, energyLow, energyHigh) };
}

int MoodMapModel::cellOf (double x)
{
    return std::clamp ((int) std::floor (x * gridSize), 0, gridSize - 1);
}

std::optional<std::size_t> MoodMapModel::findNearest (mood::MoodPoint point, double radius) const
{
    if (dots.empty())
        return std::nullopt;

    const auto reach = (int) std::ceil (radius * gridSize);
    const auto column = cellOf (point.valence), row = cellOf (point.energy);
    std::optional<std::size_t> best;
    auto bestDistance = radius * radius;

    const auto top = std::min (gridSize - 1, row + reach);
    const auto right = std::min (gridSize - 1, column + reach);

    for (int y = std::max (0, row - reach); y <= top; ++y)
        for (int x = std::max (0, column - reach); x <= right; ++x)
            for (const auto index : grid[(std::size_t) (y * gridSize + x)])
            {
                const auto dv = dots[index].point.valence - point.valence;
                const auto de = dots[index].point.energy - point.energy;

                if (const auto distance = dv * dv + de * de; distance <= bestDistance)
                {
                    bestDistance = distance;
                    best = index;
                }
            }

    return best;
}

} // namespace moodboard::plugin
