#include "LibraryService.h"

#include "Core/Log.h"
#include "Core/Paths.h"
#include "Core/SettingsFile.h"

#include <algorithm>

namespace moodboard::plugin
{
namespace
{
constexpr int stopTimeoutMs = 30000;

juce::String fromUtf8 (const std::string& text) { return juce::String::fromUTF8 (text.c_str()); }

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
        pendingAdditions.push_back (folder);
    }

    cancelFlag = true;
    notify();
}

void LibraryService::removeFolder (const juce::String& folder)
{
    {
        std::lock_guard lock (requestMutex);
        pendingRemovals.push_back (folder);
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
    refreshTrackCount();
    loadSettings();   // after the count, which would clear a settings problem shown
    countFolders();
    refreshTrackPoints();

    while (! threadShouldExit())
    {
        std::vector<juce::File> added;
        std::vector<juce::String> removed;
        bool rescan = false;

        {
            std::lock_guard lock (requestMutex);
            std::swap (added, pendingAdditions);
            std::swap (removed, pendingRemovals);
            rescan = std::exchange (pendingRescan, false);
        }

        applyRemovals (removed);
        const auto addedAny = applyAdditions (added);

        // A scan that a change interrupted starts again over the new list.
        const bool interrupted = getStatus().lastReport && getStatus().lastReport->cancelled
                                 && cancelFlag && (! added.empty() || ! removed.empty());

        if (rescan || addedAny || interrupted)
        {
            cancelFlag = false;
            runScan();
            continue;   // a request may have arrived during the scan
        }

        if (! removed.empty() || ! added.empty())
        {
            cancelFlag = false;
            continue;
        }

        wait (-1);
    }
}

void LibraryService::loadSettings()
{
    auto loaded = LibraryFolders::load (LibraryFolders::defaultFile());

    if (! loaded)
    {
        // Defaults are used; the file is kept as it is until the user changes the folders.
        settingsDamaged = true;
        log::warning ("library", loaded.error().message);
        update ([&] (Status& s) { s.error = fromUtf8 (loaded.error().message); });
        return;
    }

    folders = std::move (*loaded);
    update ([&] (Status& s)
    {
        s.folders.clear();
        for (const auto& folder : folders.folders)
            s.folders.push_back ({ fromUtf8 (folder) });
        s.folder = s.folders.empty() ? juce::String() : s.folders.front().path;
    });
}

bool LibraryService::saveSettings()
{
    const auto file = LibraryFolders::defaultFile();

    if (settingsDamaged)
    {
        auto kept = keepDamagedSettingsFile (file);
        if (! kept)
        {
            update ([&] (Status& s) { s.error = fromUtf8 (kept.error().message); });
            return false;
        }
        log::warning ("library", "the damaged library settings were kept as " + kept->string());
        settingsDamaged = false;
    }

    if (auto saved = folders.save (file); ! saved)
    {
        log::warning ("library", saved.error().message);
        update ([&] (Status& s) { s.error = "The library folders were not saved: "
                                            + fromUtf8 (saved.error().message); });
        return false;
    }

    update ([&] (Status& s)
    {
        std::vector<Status::Folder> shown;
        for (const auto& folder : folders.folders)
        {
            const auto path = fromUtf8 (folder);
            const auto old = std::find_if (s.folders.begin(), s.folders.end(),
                                           [&] (const Status::Folder& f)
                                           { return f.path == path; });
            shown.push_back (old != s.folders.end() ? *old : Status::Folder { path });
        }
        s.folders = std::move (shown);
        s.folder = s.folders.empty() ? juce::String() : s.folders.front().path;
    });
    return true;
}

bool LibraryService::applyAdditions (const std::vector<juce::File>& added)
{
    bool changed = false, anyFolder = false;

    for (const auto& file : added)
    {
        auto checked = checkLibraryFolder (file.getFullPathName().toStdString());
        if (! checked)
        {
            log::warning ("library", checked.error().message);
            update ([&] (Status& s) { s.error = fromUtf8 (checked.error().message); });
            continue;
        }
        anyFolder = true;
        if (folders.add (*checked))
        {
            changed = true;
            log::info ("library", "folder added: " + *checked);
        }
    }

    if (changed && ! saveSettings())
        return false;
    return anyFolder;
}

void LibraryService::applyRemovals (const std::vector<juce::String>& removed)
{
    std::vector<std::string> gone;

    for (const auto& folder : removed)
        if (const auto path = normaliseFolder (folder.toStdString()); folders.remove (path))
            gone.push_back (path);

    // The list is saved first: tracks leave the catalog only once the folder is really gone.
    if (gone.empty() || ! saveSettings())
        return;

    for (const auto& folder : gone)
    {
        log::info ("library", "folder removed: " + folder);
        forgetTracksOf (folder);
    }
    countFolders();
    refreshTrackCount();
    refreshTrackPoints();
}

void LibraryService::forgetTracksOf (const std::string& folder)
{
    auto opened = getCatalog();
    if (! opened)
        return;

    // A track below another watched folder (a parent of this one) stays.
    std::vector<std::string> paths;
    for (const auto& track : (*opened)->getTracksUnder (std::filesystem::path (folder)))
        paths.push_back (track.path);
    const auto leaving = pathsLeavingWith (paths, folder, folders.folders);

    if (auto forgotten = (*opened)->forget (leaving))
        log::info ("library", std::to_string (*forgotten) + " tracks of " + folder
                                  + " left the catalog");
    else
        log::warning ("library", "tracks of a removed folder stay: " + forgotten.error().message);
}

void LibraryService::countFolders()
{
    auto opened = getCatalog();
    if (! opened)
        return;

    // One pass over the catalog, whose paths are checked against each folder.
    const auto tracks = (*opened)->getAllTracks();
    std::vector<Status::Folder> counted;

    for (const auto& folder : folders.folders)
    {
        Status::Folder entry { fromUtf8 (folder), 0 };
        for (const auto& track : tracks)
            if (track.isAnalysed() && isPathUnder (track.path, folder))
                ++entry.numTracks;   // an unreadable file keeps a row but is not a track
        std::error_code ec;
        entry.missing = ! std::filesystem::is_directory (folder, ec);
        counted.push_back (entry);
    }

    update ([&] (Status& s) { s.folders = std::move (counted); });
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

void LibraryService::runScan()
{
    if (folders.folders.empty())
        return;

    auto opened = getCatalog();

    if (! opened)
    {
        const auto message = "The library catalog cannot be opened: " + opened.error().message;
        update ([&] (Status& s) { s.error = juce::String::fromUTF8 (message.c_str()); });
        return;
    }

    std::vector<std::filesystem::path> roots;
    for (const auto& folder : folders.folders)
        roots.emplace_back (folder);

    update ([&] (Status& s)
    {
        s.isScanning = true;
        s.progress = {};
        s.error.clear();
    });
    log::info ("library", "scan started: " + std::to_string (roots.size()) + " folders");

    library::ScanReport report;

    try
    {
        library::Scanner scanner (**opened, decoder);
        report = scanner.scan (roots,
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
                              + ", failed " + std::to_string (report.failures.size())
                              + ", still unreadable "
                              + std::to_string (report.stillUnreadable.size()));

    update ([&] (Status& s)
    {
        s.isScanning = false;
        s.numTracks = count;
        s.lastReport = report;
        if (! report.missingRoots.empty())
            s.error = "The folder " + fromUtf8 (report.missingRoots.front())
                      + " is not there (an unplugged drive?); its tracks are kept.";
    });
    countFolders();
    refreshTrackPoints();
}

} // namespace moodboard::plugin
