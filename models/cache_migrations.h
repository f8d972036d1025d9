// The cache's schema as numbered migrations: migration N turns a schema-(N-1) file into a schema-N file.
#pragma once

#include <QList>
#include <QStringList>

namespace otter::models {

// Index i holds the statements of migration i + 1, run in one transaction. Append, never edit: files
// written by earlier builds rely on what each number meant.
const QList<QStringList> &cacheMigrations();

// PRAGMA application_id of a cache file ("OTTC"), so another program's SQLite file is recognised as such.
constexpr int CacheApplicationId = 0x4F545443;

} // namespace otter::models
