#pragma once

#include "Knowledge/AccessChecker.h"
#include "Knowledge/AuthorisationModel.h"
#include "Knowledge/KnowledgeBase.h"
#include "Knowledge/RelationshipTuples.h"

#include <filesystem>
#include <memory>

namespace moodboard::knowledge
{

/** The guides of a knowledge folder ready to answer: its authorisation model
    (`authorisation-model.json`), its tuples (`tuples.json`), the embedded checker over them and
    the knowledge base of every document, built with the local embedder. The members refer to
    each other, so the object never moves (it lives behind a unique_ptr). */
struct KnowledgeLibrary
{
    AuthorisationModel model;
    RelationshipTuples tuples;
    AccessChecker checker;
    std::unique_ptr<KnowledgeBase> base;

    explicit KnowledgeLibrary (AuthorisationModel m)
        : model (std::move (m))
        , tuples (model)
        , checker (tuples)
    {
    }
    KnowledgeLibrary (const KnowledgeLibrary&) = delete;
    KnowledgeLibrary& operator= (const KnowledgeLibrary&) = delete;
};

/** Loads and indexes `folder` (about 60 ms for the shipped guides). Errors name the file that is
    wrong. Any thread. */
[[nodiscard]] Expected<std::unique_ptr<KnowledgeLibrary>>
openKnowledgeLibrary (const std::filesystem::path& folder);

/** The shipped guides: MOODBOARD_KNOWLEDGE_DIR when set, else Resources/Knowledge of the source
    tree the program was built from, else share/music-moodboard/knowledge beside the program's
    install prefix. Any thread. */
[[nodiscard]] std::filesystem::path defaultKnowledgeFolder();

} // namespace moodboard::knowledge
