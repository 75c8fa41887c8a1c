#include "Core/SettingsFile.h"

#include "Core/AtomicFile.h"

#include <fstream>
#include <sstream>

namespace moodboard
{

Expected<std::optional<nlohmann::json>> readSettingsFile (const std::filesystem::path& file)
{
    std::error_code ec;
    if (! std::filesystem::exists (file, ec))
        return std::optional<nlohmann::json> {};

    std::ifstream in (file, std::ios::binary);
    if (! in)
        return makeError (Error::Kind::unreadable,
                          "The settings file " + file.string()
                              + " cannot be read. Check its permissions.");

    std::stringstream text;
    text << in.rdbuf();

    auto parsed = nlohmann::json::parse (text.str(), nullptr, false);
    if (parsed.is_discarded() || ! parsed.is_object())
        return makeError (Error::Kind::corrupt,
                          "The settings file " + file.string()
                              + " is damaged (it is not a JSON object), so defaults are used. "
                                "It is left as it is: fix it or delete it.");

    return std::optional<nlohmann::json> { std::move (parsed) };
}

Expected<void> writeSettingsFile (const std::filesystem::path& file,
                                  const nlohmann::json& settings)
{
    return writeFileAtomically (file, settings.dump (2) + "\n");
}

Expected<std::filesystem::path> keepDamagedSettingsFile (const std::filesystem::path& file)
{
    auto copy = file;
    copy += ".damaged";

    std::error_code ec;
    std::filesystem::copy_file (file, copy, std::filesystem::copy_options::overwrite_existing, ec);
    if (ec)
        return makeError (Error::Kind::io, "The damaged settings file " + file.string()
                                               + " cannot be kept as " + copy.string() + ": "
                                               + ec.message() + ". Nothing was changed.");
    return copy;
}

} // namespace moodboard
