// UploadCommitter: commits run on the committer's own thread, so asking never waits for the disk; offsets
// asked for while a commit is under way collapse into the newest; offsets at or below one asked for are
// ignored.
#include "backend/services/upload_committer.h"

#include <QTest>

#include <condition_variable>
#include <mutex>
#include <vector>

using namespace otter::backend;

namespace {

// A commit function that records its offsets and holds the first commit until released, like a slow disk.
class SlowDisk
{
public:
    void commit(qint64 offset)
    {
        std::unique_lock lock(m_mutex);
        m_commits.push_back(offset);
        m_changed.notify_all();
        m_changed.wait(lock, [this] { return m_released; });
    }
    void waitForCommits(size_t count)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_commits.size() >= count; });
    }
    void release()
    {
        const std::lock_guard lock(m_mutex);
        m_released = true;
        m_changed.notify_all();
    }
    std::vector<qint64> commits()
    {
        const std::lock_guard lock(m_mutex);
        return m_commits;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<qint64> m_commits;
    bool m_released = false;
};

} // namespace

class TestUploadCommitter : public QObject
{
    Q_OBJECT

private slots:
    void requestsDuringACommitCollapseIntoTheNewest()
    {
        SlowDisk disk;
        UploadCommitter committer([&](qint64 offset) { disk.commit(offset); });
        committer.request(4);
        disk.waitForCommits(1); // the commit of 4 is under way and held
        // Neither call waits for the held commit: were they to, this test would never get past them.
        committer.request(8);
        committer.request(12);
        disk.release();
        disk.waitForCommits(2);
        committer.stop();
        QCOMPARE(disk.commits(), (std::vector<qint64>{4, 12}));
    }

    void offsetsNotAboveAPendingOneAreIgnored()
    {
        SlowDisk disk;
        UploadCommitter committer([&](qint64 offset) { disk.commit(offset); });
        committer.request(4);
        disk.waitForCommits(1);
        committer.request(16);
        committer.request(8); // older than the pending 16: dropped, not a step back
        disk.release();
        disk.waitForCommits(2);
        committer.stop();
        QCOMPARE(disk.commits(), (std::vector<qint64>{4, 16}));
    }

    void nothingIsCommittedAfterStop()
    {
        SlowDisk disk;
        disk.release();
        UploadCommitter committer([&](qint64 offset) { disk.commit(offset); });
        committer.stop();
        committer.request(4);
        committer.stop(); // a second stop is harmless
        QVERIFY(disk.commits().empty());
    }
};

QTEST_GUILESS_MAIN(TestUploadCommitter)
#include "tst_upload_committer.moc"
