// ReleaseService tests against a real otterd: the server, a trusted signing key, a scratch directory and the
// calls and checks the release tests share (get, list, query and cancel uploads, what a refusal leaves
// behind).
#pragma once

#include "otter/v1/releases.grpc.pb.h"
#include "otterd_harness.h"
#include "release_fixtures.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace otter::test {

inline qint64 fileSize(const QString &path)
{
    return QFileInfo(path).size();
}

class ReleaseServiceFixture
{
protected:
    // Starts otterd and trusts m_key; call from initTestCase().
    void startServer()
    {
        QVERIFY(m_scratch.isValid());
        QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
        m_stub = v1::ReleaseService::NewStub(m_otterd.channel());
        QVERIFY(trustKey(m_otterd, m_key).ok());
    }

    QString dir(const QString &name) const { return m_scratch.filePath(name); }

    SignedRelease release(const QString &name, const ReleaseSpec &spec) const
    {
        return makeRelease(dir(name), m_key, spec);
    }

    grpc::Status get(const QString &id, v1::Release *release = nullptr,
                     const QString &as = QStringLiteral("vera"))
    {
        v1::GetReleaseRequest request;
        request.set_release_id(id.toStdString());
        v1::GetReleaseResponse response;
        const grpc::Status status = m_stub->GetRelease(m_otterd.as(as).get(), request, &response);
        if (release)
            *release = response.release();
        return status;
    }

    QList<v1::Release> list(const QString &hardwareClass = {}, quint32 pageSize = 0, int *pages = nullptr)
    {
        QList<v1::Release> releases;
        v1::ListReleasesRequest request;
        request.set_hardware_class(hardwareClass.toStdString());
        request.set_page_size(pageSize);
        int count = 0;
        for (;;) {
            v1::ListReleasesResponse response;
            if (!m_stub->ListReleases(m_otterd.as(QStringLiteral("vera")).get(), request, &response).ok())
                return {};
            ++count;
            releases.append(QList<v1::Release>(response.releases().begin(), response.releases().end()));
            if (response.next_page_token().empty())
                break;
            request.set_page_token(response.next_page_token());
        }
        if (pages)
            *pages = count;
        return releases;
    }

    grpc::Status queryUpload(const QString &id, v1::QueryUploadResponse *response,
                             const QString &as = QStringLiteral("olga"))
    {
        v1::QueryUploadRequest request;
        request.set_upload_id(id.toStdString());
        return m_stub->QueryUpload(m_otterd.as(as).get(), request, response);
    }

    grpc::Status cancelUpload(const QString &id, const QString &as = QStringLiteral("olga"))
    {
        v1::CancelUploadRequest request;
        request.set_upload_id(id.toStdString());
        v1::CancelUploadResponse response;
        return m_stub->CancelUpload(m_otterd.as(as).get(), request, &response);
    }

    int releaseRows(const QString &id)
    {
        return sqliteText(m_otterd, QStringLiteral("SELECT count(*) FROM releases WHERE id = '%1'").arg(id))
            .toInt();
    }

    int auditCount(const QString &action, const QString &object)
    {
        return sqliteText(
                   m_otterd,
                   QStringLiteral("SELECT count(*) FROM audit_log WHERE action = '%1' AND object = '%2'")
                       .arg(action, object))
            .toInt();
    }

    // A refused upload leaves nothing: no row, no artifact, no scratch file — checked right after the answer.
    void verifyNothingLeft(const SignedRelease &refused)
    {
        QCOMPARE(releaseRows(refused.releaseId), 0);
        QVERIFY2(!QFileInfo::exists(artifactPath(m_otterd, refused.imageSha256)),
                 qPrintable(refused.imageSha256));
        QCOMPARE(filesUnder(m_otterd, QStringLiteral("uploads")), QStringList());
    }

    void verifyRefused(const UploadResult &result, grpc::StatusCode code, v1::ErrorReason reason,
                       const QString &phrase)
    {
        QVERIFY2(
            result.status.error_code() == code,
            qPrintable(
                QStringLiteral("code %1: %2").arg(int(result.status.error_code())).arg(result.message())));
        QVERIFY2(result.detail.has_value(), qPrintable(result.message()));
        QVERIFY2(result.reason() == reason,
                 qPrintable(QStringLiteral("reason %1: %2").arg(int(result.reason())).arg(result.message())));
        QVERIFY2(result.message().contains(phrase), qPrintable(result.message()));
    }

    OtterdHarness m_otterd;
    std::unique_ptr<v1::ReleaseService::Stub> m_stub;
    QTemporaryDir m_scratch;
    TestKey m_key = newTestKey();
};

} // namespace otter::test
