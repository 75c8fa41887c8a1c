#include "AudioIO/FileAudioDecoder.h"
#include "Cli/Commands.h"
#include "Core/LibraryFolders.h"
#include "Core/Paths.h"
#include "Library/Scanner.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace moodboard::cli
{
namespace
{
std::atomic<bool> interrupted { false };

// Runs on whichever thread the signal lands on: only sets the flag. A second Ctrl-C ends the
// program at once; every track stored so far is already committed.
extern "C" void onInterrupt (int)
{
    if (interrupted.exchange (true))
        std::_Exit (130);
}

// Earlier versions of the command kept their own list here; it is merged into the library's
// list (shared with the app's settings page) once, then removed.
std::filesystem::path olderListFile() { return Paths::configDir() / "library-folders.json"; }

bool mergeOlderList (LibraryFolders& folders)
{
    std::ifstream in (olderListFile());
    if (! in)
        return false;
    try
    {
        for (const auto& root : nlohmann::json::parse (in))
            folders.add (root.get<std::string>());
        return true;
    }
    catch (const nlohmann::json::exception&)
    {
        printError ("note: " + olderListFile().string() + " is not a JSON list of folders; it "
                    "is left as it is (add its folders with `moodboard scan FOLDER`)");
        return false;
    }
}

std::string formatTime (double seconds)
{
    const auto s = (int) seconds;
    char buffer[32];
    std::snprintf (buffer, sizeof (buffer), "%d:%02d", s / 60, s % 60);
    return buffer;
}

void drawProgress (const library::ScanProgress& p)
{
    constexpr int width = 30;
    const int filled = p.total > 0 ? width * p.done / p.total : width;
    std::string bar (filled, '#');
    bar.resize (width, '-');

    auto name = std::filesystem::path (p.currentFile).filename().string();
    if (name.size() > 40)
        name = name.substr (0, 37) + "...";

    const auto left = p.secondsLeft >= 0.0 ? formatTime (p.secondsLeft) + " left" : "";
    std::fprintf (stderr, "\r\033[K[%s] %d/%d %s  %s", bar.c_str(), p.done, p.total, left.c_str(),
                  name.c_str());
    std::fflush (stderr);
}

// The decoder's reasons begin with the file's path; the analysis's may not.
std::string describe (const std::string& path, const std::string& reason)
{
    return reason.starts_with (path) ? reason : path + ": " + reason;
}

// Every unreadable file of the catalog, with why (`moodboard scan --unreadable`).
int listUnreadable()
{
    auto catalog = library::Catalog::open (Paths::catalogFile());
    if (! catalog)
    {
        printError (catalog.error().message);
        return 1;
    }

    const auto rows = (*catalog)->getUnreadableFiles();
    for (const auto& row : rows)
        std::cout << describe (row.path, row.error) << "\n";
    std::cout << rows.size() << (rows.size() == 1 ? " file" : " files")
              << " could not be read; a file is read again once it changes\n";
    return 0;
}
} // namespace

int runScan (const std::vector<std::string>& args)
{
    std::vector<std::filesystem::path> roots;
    bool verify = false;

    if (args.size() == 1 && args.front() == "--unreadable")
        return listUnreadable();

    for (const auto& arg : args)
    {
        std::error_code ec;
        if (arg == "--verify")
        {
            verify = true;
            continue;
        }
        if (arg.starts_with ("-"))
        {
            printError ("scan does not know " + arg
                        + "; usage: moodboard scan [DIR...] [--verify] | scan --unreadable");
            return 2;
        }
        if (arg.empty() || ! std::filesystem::exists (arg, ec))
        {
            printError ("no such folder or file: " + arg);
            return 2;
        }
        roots.push_back (std::filesystem::absolute (arg).lexically_normal());
    }

    // The folders the library watches: the same list as the app's settings page. A damaged file
    // is left as it is: the folders given are scanned, and nothing is remembered.
    auto remembered = LibraryFolders::load (LibraryFolders::defaultFile());
    if (! remembered)
    {
        printError (remembered.error().message);
        if (roots.empty())
            return 1;
    }
    else
    {
        const auto before = remembered->folders;
        const bool merged = mergeOlderList (*remembered);
        for (const auto& root : roots)
            if (std::filesystem::is_directory (root))   // a single file is scanned, not watched
                remembered->add (root.string());
        if (merged || remembered->folders != before)
        {
            if (auto saved = remembered->save (LibraryFolders::defaultFile()); ! saved)
                printError ("the library's folders could not be remembered: "
                            + saved.error().message);
            else
            {
                std::error_code ignored;
                std::filesystem::remove (olderListFile(), ignored);
            }
        }
        if (roots.empty())
            for (const auto& folder : remembered->folders)
                roots.emplace_back (folder);
    }

    if (roots.empty())
    {
        printError ("no folder to scan: run `moodboard scan ~/Music` (or any folder of audio "
                    "files)");
        return 2;
    }

    auto catalog = library::Catalog::open (Paths::catalogFile());
    if (! catalog)
    {
        printError (catalog.error().message);
        return 1;
    }

    std::signal (SIGINT, onInterrupt);
    const bool isTerminal = ::isatty (STDERR_FILENO) == 1;

    audio::FileAudioDecoder decoder;
    library::Scanner scanner (**catalog, decoder);
    scanner.setVerifyContent (verify);
    const auto report = scanner.scan (roots,
                                      isTerminal ? library::Scanner::ProgressCallback (drawProgress)
                                                 : library::Scanner::ProgressCallback(),
                                      interrupted);

    if (isTerminal)
        std::fprintf (stderr, "\r\033[K");

    for (const auto& failure : report.failures)
        std::cerr << "skipped: " << describe (failure.path, failure.reason) << "\n";

    // Files that failed before and have not changed are not read again; a few are named so that
    // they are not forgotten, the rest are one command away.
    constexpr std::size_t unreadableShown = 10;
    const auto& unreadable = report.stillUnreadable;
    for (std::size_t i = 0; i < unreadable.size() && i < unreadableShown; ++i)
        std::cerr << "still unreadable: " << describe (unreadable[i].path, unreadable[i].reason)
                  << "\n";
    if (unreadable.size() > unreadableShown)
        std::cerr << "... and " << unreadable.size() - unreadableShown
                  << " more still unreadable; `moodboard scan --unreadable` lists them all\n";

    for (const auto& missing : report.missingRoots)
        std::cerr << "warning: " << missing << " is missing (a drive not mounted, or moved?); "
                  << "its tracks stay in the catalog. Scan it again once it is back.\n";

    std::cout << report.found << " audio files: " << report.analysed << " analysed, "
              << report.unchanged << " unchanged, " << report.moved << " moved, "
              << report.failures.size() << " failed, ";
    if (! unreadable.empty())
        std::cout << unreadable.size() << " still unreadable, ";
    std::cout << report.removed << " removed from the catalog\n"
              << "catalog: " << (*catalog)->getNumTracks() << " tracks in "
              << (*catalog)->getFile().string() << "\n";

    if (report.cancelled)
    {
        std::cout << "interrupted: everything analysed so far is kept; run the scan again to "
                     "finish\n";
        return 130;
    }

    if (report.found > 0 && report.analysed == 0 && report.unchanged == 0 && report.moved == 0)
    {
        std::cerr << "moodboard: none of the " << report.found
                  << " audio files could be analysed; the reasons are listed above\n";
        return 1;
    }

    return 0;
}

} // namespace moodboard::cli
