#include "Library/FileListing.h"

#include <algorithm>
#include <chrono>
#include <set>

namespace moodboard::library
{
namespace fs = std::filesystem;

namespace
{
std::string lowerCase (std::string text)
{
    std::transform (text.begin(), text.end(), text.begin(),
                    [] (unsigned char c) { return (char) std::tolower (c); });
    return text;
}
} // namespace

std::int64_t modifiedSeconds (const fs::path& file, std::error_code& ec)
{
    const auto time = fs::last_write_time (file, ec);
    return ec ? 0
              : std::chrono::duration_cast<std::chrono::seconds> (time.time_since_epoch()).count();
}

std::vector<FoundFile> findAudioFiles (const std::vector<fs::path>& roots,
                                       const std::vector<std::string>& extensions)
{
    std::vector<FoundFile> found;
    std::set<std::string> seen;

    auto consider = [&] (const fs::path& path)
    {
        std::error_code ec;

        if (! fs::is_regular_file (path, ec))
            return;

        const auto ext = lowerCase (path.extension().string());

        if (std::find (extensions.begin(), extensions.end(), ext) == extensions.end())
            return;

        FoundFile file { fs::absolute (path, ec).lexically_normal().string(), 0, 0 };
        file.size = (std::int64_t) fs::file_size (path, ec);
        file.modifiedTime = modifiedSeconds (path, ec);

        if (seen.insert (file.path).second)
            found.push_back (std::move (file));
    };

    for (const auto& root : roots)
    {
        std::error_code ec;

        if (fs::is_regular_file (root, ec))
        {
            consider (root);
            continue;
        }

        const auto options = fs::directory_options::follow_directory_symlink
                           | fs::directory_options::skip_permission_denied;

        for (fs::recursive_directory_iterator it (root, options, ec), end; it != end && ! ec;
             it.increment (ec))
            consider (it->path());
    }

    std::sort (found.begin(), found.end(),
               [] (const auto& a, const auto& b) { return a.path < b.path; });
    return found;
}

} // namespace moodboard::library
