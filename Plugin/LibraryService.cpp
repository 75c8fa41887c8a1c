#include "LibraryService.h"

#include "Core/Log.h"
#include "Core/Paths.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace moodboard::plugin
{
namespace
{
constexpr int stopTimeoutMs = 30000;

std::filesystem::path settingsFile() { return Paths::configDir() / "library.json"; }

std::filesystem::path toPath (const juce::File& file)
{
    return std::filesystem::path (file.getFullPathName().toStdString());
}

int numScanThreads()
{
    // Leave a core for the host's audio and the user interface.
    return juce::jmax (1, juce::SystemStats::getNumCpus() - 1);
}
} // namespace

LibraryService::LibraryService() : juce::Thread ("Moodboard library")
{
    startThread();
}

LibraryService::~LibraryService()
{
    cancelFlag = true;
    signalThreadShouldExit();
    notify();
    stopThread (stopTimeoutMs);
}

LibraryService::Status LibraryService::getStatus() const
{
    std::lock_guard lock (statusMutex);
    return status;
}

void LibraryService::scanFolder (const juce::File& folder)
{
    {
        std::lock_guard lock (requestMutex);
        pendingScan = folder;
    }

    cancelFlag = true;
    notify();
}

void LibraryService::rescanRememberedFolder()
{
    {
        std::lock_guard lock (requestMutex);
        pendingRescan = true;
    }

    notify();
}

void LibraryService::cancelScan()
{
    cancelFlag = true;
}

Expected<library::Catalog*> LibraryService::getCatalog()
{
    std::lock_guard lock (catalogMutex);

    if (catalog != nullptr)
        return catalog.get();

    auto opened = library::Catalog::open (Paths::catalogFile());

    if (! opened)
    {
        log::error ("library", "catalog cannot be opened: " + opened.error().message);
        return std::unexpected (opened.error());
    }

    catalog = std::move (*opened);
    return catalog.get();
}

void LibraryService::update (const std::function<void (Status&)>& change)
{
    {
        std::lock_guard lock (statusMutex);
        change (status);
    }

    sendChangeMessage();
}

void LibraryService::run()
{
    loadSettings();
    refreshTrackCount();
    refreshTrackPoints();

    while (! threadShouldExit())
    {
        std::optional<juce::File> folder;

        {
            std::lock_guard lock (requestMutex);
            std::swap (folder, pendingScan);

            if (! folder && pendingRescan)
            {
                const auto remembered = getStatus().folder;

                if (remembered.isNotEmpty())
                    folder = juce::File (remembered);
            }

            pendingRescan = false;
        }

        if (folder)
        {
            cancelFlag = false;
            runScan (*folder);
            continue;   // a request may have arrived during the scan
        }

        wait (-1);
    }
}

void LibraryService::loadSettings()
{
    std::ifstream in (settingsFile());

    if (! in)
        return;

    try
    {
        const auto json = nlohmann::json::parse (in);
        const auto folder = json.value ("libraryFolder", std::string());
        update ([&] (Status& s) { s.folder = juce::String::fromUTF8 (folder.c_str()); });
    }
    catch (const std::exception& e)
    {
        log::warning ("library",
                      std::string ("settings ignored, they cannot be read: ") + e.what());
    }
}

void LibraryService::saveSettings (const juce::String& folder)
{
    const auto file = settingsFile();
    const auto temporary = std::filesystem::path (file.string() + ".tmp");

    {
        std::ofstream out (temporary, std::ios::trunc);
        out << nlohmann::json { { "libraryFolder", folder.toStdString() } }.dump (2) << '\n';

        if (! out)
        {
            log::warning ("library", "settings cannot be written to " + temporary.string());
            return;
        }
    }

    std::error_code ec;
    std::filesystem::rename (temporary, file, ec);

    if (ec)
        log::warning ("library", "settings cannot be written to " + file.string());
}

void LibraryService::refreshTrackCount()
{
    auto opened = getCatalog();

    if (! opened)
    {
        const auto message = "The library catalog cannot be opened: " + opened.error().message;
        update ([&] (Status& s) { s.error = juce::String::fromUTF8 (message.c_str()); });
        return;
    }

    const auto count = (*opened)->getNumTracks();
    update ([&] (Status& s) { s.numTracks = count; s.error.clear(); });
}

void LibraryService::refreshTrackPoints()
{
    auto opened = getCatalog();

    if (! opened || (*opened)->getGeneration() == trackPointsGeneration)
        return;

    const auto generation = (*opened)->getGeneration();
    auto points = std::make_shared<std::vector<TrackPoint>>();

    for (const auto& track : (*opened)->getAllTracks())
    {
        const auto& f = track.features;

        if (! track.isAnalysed() || ! f.valence || ! f.energy)
            continue;

        points->push_back ({ track.id, juce::String::fromUTF8 (track.title.c_str()),
                             juce::String::fromUTF8 (track.artist.c_str()),
                             juce::String (audio::keyName (f)), *f.valence, *f.energy, f.tempoBpm,
                             f.key.value_or (-1), f.mode.value_or (-1) });
    }

    trackPointsGeneration = generation;
    update ([&] (Status& s) { s.trackPoints = std::move (points); });
}

void LibraryService::runScan (const juce::File& folder)
{
    if (! folder.isDirectory())
    {
        const auto message = "The folder " + folder.getFullPathName() + " does not exist.";
        update ([&] (Status& s) { s.error = message; });
        return;
    }

    auto opened = getCatalog();

    if (! opened)
    {
        const auto message = "The library catalog cannot be opened: " + opened.error().message;
        update ([&] (Status& s) { s.error = juce::String::fromUTF8 (message.c_str()); });
        return;
    }

    saveSettings (folder.getFullPathName());
    update ([&] (Status& s)
    {
        s.folder = folder.getFullPathName();
        s.isScanning = true;
        s.progress = {};
        s.error.clear();
    });
    log::info ("library", "scan started: " + folder.getFullPathName().toStdString());

    library::ScanReport report;

    try
    {
        library::Scanner scanner (**opened, decoder);
        report = scanner.scan ({ toPath (folder) },
                               [this] (const library::ScanProgress& p)
                               {
                                   update ([&] (Status& s) { s.progress = p; });
                               },
                               cancelFlag,
                               numScanThreads());
    }
    catch (const std::exception& e)
    {
        log::error ("library", std::string ("scan failed: ") + e.what());
        update ([&] (Status& s)
        {
            s.isScanning = false;
            s.error = "The scan stopped with an internal error: " + juce::String (e.what());
        });
        return;
    }

    const auto count = (*opened)->getNumTracks();
    log::info ("library", "scan " + std::string (report.cancelled ? "cancelled" : "finished")
                              + ": analysed " + std::to_string (report.analysed)
                              + ", unchanged " + std::to_string (report.unchanged)
                              + ", failed " + std::to_string (report.failures.size()));

    update ([&] (Status& s)
    {
        s.isScanning = false;
        s.numTracks = count;
        s.lastReport = report;
    });
    refreshTrackPoints();
}

} // namespace moodboard::plugin
