#include "Knowledge/KnowledgeLibrary.h"

#include "Knowledge/Embedder.h"
#include "Knowledge/KnowledgeDocument.h"

#include <fstream>
#include <sstream>
#include <unistd.h>

namespace moodboard::knowledge
{
namespace
{
Expected<std::string> readFile (const std::filesystem::path& file)
{
    std::ifstream in (file, std::ios::binary);
    if (!in)
        return makeError (Error::Kind::notFound, "cannot read " + file.string() +
                                                     "; set MOODBOARD_KNOWLEDGE_DIR to the "
                                                     "folder with the guides");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}
} // namespace

Expected<std::unique_ptr<KnowledgeLibrary>>
openKnowledgeLibrary (const std::filesystem::path& folder)
{
    auto modelText = readFile (folder / "authorisation-model.json");
    if (!modelText)
        return std::unexpected (modelText.error());
    auto model = AuthorisationModel::fromJson (*modelText);
    if (!model)
        return std::unexpected (model.error());

    auto library = std::make_unique<KnowledgeLibrary> (std::move (*model));
    auto tuplesText = readFile (folder / "tuples.json");
    if (!tuplesText)
        return std::unexpected (tuplesText.error());
    if (auto loaded = library->tuples.loadJson (*tuplesText); !loaded)
        return std::unexpected (loaded.error());

    auto documents = loadDocuments (folder);
    if (!documents)
        return std::unexpected (documents.error());
    auto base = KnowledgeBase::build (std::move (*documents),
                                      std::make_shared<HashedNgramEmbedder>(), library->checker);
    if (!base)
        return std::unexpected (base.error());
    library->base = std::move (*base);
    return library;
}

std::filesystem::path defaultKnowledgeFolder()
{
    if (const char* chosen = std::getenv ("MOODBOARD_KNOWLEDGE_DIR"); chosen && *chosen)
        return chosen;
#ifdef MOODBOARD_SOURCE_KNOWLEDGE_DIR
    if (std::filesystem::exists (MOODBOARD_SOURCE_KNOWLEDGE_DIR))
        return MOODBOARD_SOURCE_KNOWLEDGE_DIR;
#endif
    std::error_code error;
    const auto program = std::filesystem::read_symlink ("/proc/self/exe", error);
    return program.parent_path().parent_path() / "share" / "music-moodboard" / "knowledge";
}

} // namespace moodboard::knowledge
