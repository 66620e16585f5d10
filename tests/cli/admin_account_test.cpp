// `gesso admin account ...`: create, list, approve, reject, suspend, unsuspend, reset-password, through the real binary.
#include <gtest/gtest.h>

#include "activitypub/password.hpp"
#include "cli_fixture.hpp"

namespace gesso::test {
namespace {

using activitypub::verify_password;

class AdminAccount : public GessoCli {};

TEST_F(AdminAccount, CreatePrintsTheActorUrlAndAWorkingGeneratedPassword) {
    auto r = gesso({"admin", "account", "create", "alice", "--email", "alice@example.test"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("http://127.0.0.1:18080/users/alice"), std::string::npos) << r.out;
    std::string password = printed_password(r.out);
    ASSERT_GE(password.size(), 12u) << r.out;
    EXPECT_EQ(password.find(' '), std::string::npos);

    auto stored = stored_user("alice");
    ASSERT_TRUE(stored);
    EXPECT_TRUE(verify_password(password, stored->user.password_hash));
    EXPECT_FALSE(verify_password(password + "x", stored->user.password_hash));
    EXPECT_EQ(stored->user.email, "alice@example.test");
    EXPECT_FALSE(stored->user.admin);
    EXPECT_EQ(stored->account.uri, "http://127.0.0.1:18080/users/alice");
    EXPECT_TRUE(stored->account.is_local());
}

TEST_F(AdminAccount, CreateCreatesTheDataDirectory) {
    auto r = gesso({"admin", "account", "create", "alice", "--email", "alice@example.test"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(std::filesystem::is_regular_file(db_path()));
    EXPECT_TRUE(std::filesystem::is_directory(data_dir + "/media"));
}

TEST_F(AdminAccount, CreateWithAGivenPasswordDoesNotPrintIt) {
    auto r = gesso({"admin", "account", "create", "bob", "--email", "bob@example.test", "--password",
                    "correct horse battery", "--admin"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.find("correct horse"), std::string::npos) << r.out;
    EXPECT_EQ(printed_password(r.out), "");
    EXPECT_NE(r.out.find("admin"), std::string::npos) << r.out;
    auto stored = stored_user("bob");
    ASSERT_TRUE(stored);
    EXPECT_TRUE(verify_password("correct horse battery", stored->user.password_hash));
    EXPECT_TRUE(stored->user.admin);
}

TEST_F(AdminAccount, GeneratedPasswordsDifferBetweenAccounts) {
    auto a = gesso({"admin", "account", "create", "alice", "--email", "alice@example.test"});
    auto b = gesso({"admin", "account", "create", "bob", "--email", "bob@example.test"});
    ASSERT_EQ(a.exit_code, 0) << a.err;
    ASSERT_EQ(b.exit_code, 0) << b.err;
    EXPECT_NE(printed_password(a.out), printed_password(b.out));
}

TEST_F(AdminAccount, DuplicateUsernameInAnyCaseIsRefused) {
    ASSERT_EQ(gesso({"admin", "account", "create", "alice", "--email", "alice@example.test"}).exit_code, 0);
    auto r = gesso({"admin", "account", "create", "ALICE", "--email", "other@example.test"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_ONE_LINE_FAILURE(r);
    EXPECT_NE(r.err.find("taken"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
    auto stored = stored_user("alice");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->account.username, "alice");
    EXPECT_EQ(stored->user.email, "alice@example.test");
}

TEST_F(AdminAccount, DuplicateEmailIsRefused) {
    ASSERT_EQ(gesso({"admin", "account", "create", "alice", "--email", "alice@example.test"}).exit_code, 0);
    auto r = gesso({"admin", "account", "create", "bob", "--email", "Alice@Example.test"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_ONE_LINE_FAILURE(r);
    EXPECT_FALSE(stored_user("bob"));
}

TEST_F(AdminAccount, InvalidUsernamesAreRefused) {
    initialise();
    for (const char* bad : {"bad-name", "root", "an_username_that_is_far_too_long_x"}) {
        auto r = gesso({"admin", "account", "create", bad, "--email", "x@example.test"});
        EXPECT_ONE_LINE_FAILURE(r);
        EXPECT_NE(r.err.find("username"), std::string::npos) << r.err;
    }
}

TEST_F(AdminAccount, MissingEmailIsAUsageError) {
    initialise();
    auto r = gesso({"admin", "account", "create", "alice"});
    EXPECT_ONE_LINE_FAILURE(r);
    EXPECT_NE(r.err.find("--email"), std::string::npos) << r.err;
    EXPECT_FALSE(stored_user("alice"));
}

TEST_F(AdminAccount, ShortPasswordAndBadEmailAreRefused) {
    initialise();
    auto short_pw = gesso({"admin", "account", "create", "alice", "--email", "a@example.test", "--password", "short"});
    EXPECT_ONE_LINE_FAILURE(short_pw);
    EXPECT_NE(short_pw.err.find("password"), std::string::npos) << short_pw.err;
    auto bad_email = gesso({"admin", "account", "create", "alice", "--email", "not-an-address"});
    EXPECT_ONE_LINE_FAILURE(bad_email);
    EXPECT_FALSE(stored_user("alice"));
}

TEST_F(AdminAccount, MissingOrExtraWordsAreUsageErrors) {
    initialise();
    EXPECT_ONE_LINE_FAILURE(gesso({"admin", "account", "create", "--email", "a@example.test"}));
    EXPECT_ONE_LINE_FAILURE(gesso({"admin", "account", "create", "alice", "bob", "--email", "a@example.test"}));
    EXPECT_ONE_LINE_FAILURE(gesso({"admin", "account", "rename", "alice"}));
    EXPECT_ONE_LINE_FAILURE(gesso({"admin", "account"}));
    EXPECT_ONE_LINE_FAILURE(gesso({"admin", "accounts", "list"}));
}

// Rows of `admin account list` as {username, email, role, state}, header excluded.
std::vector<std::vector<std::string>> listed(const std::string& out) {
    std::vector<std::vector<std::string>> rows;
    auto lines = split_lines(out);
    for (std::size_t i = 1; i < lines.size(); ++i) rows.push_back(split_words(lines[i]));
    return rows;
}

TEST_F(AdminAccount, ListShowsUsersRolesAndStatesOldestFirst) {
    ASSERT_EQ(gesso({"admin", "account", "create", "carol", "--email", "carol@example.test", "--admin"}).exit_code, 0);
    ASSERT_EQ(gesso({"admin", "account", "create", "dave", "--email", "dave@example.test"}).exit_code, 0);
    ASSERT_EQ(gesso({"admin", "account", "suspend", "dave"}).exit_code, 0);
    auto r = gesso({"admin", "account", "list"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto lines = split_lines(r.out);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(split_words(lines[0]), (std::vector<std::string>{"USERNAME", "EMAIL", "ROLE", "STATE"}));
    auto rows = listed(r.out);
    ASSERT_EQ(rows.size(), 2u) << r.out;  // the instance actor has no login and is not listed
    EXPECT_EQ(rows[0], (std::vector<std::string>{"carol", "carol@example.test", "admin", "active"}));
    EXPECT_EQ(rows[1], (std::vector<std::string>{"dave", "dave@example.test", "user", "suspended"}));
}

TEST_F(AdminAccount, ListOfAnEmptyNodeIsJustTheHeader) {
    auto r = gesso({"admin", "account", "list"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(split_lines(r.out).size(), 1u) << r.out;
}

TEST_F(AdminAccount, SuspendAndUnsuspendChangeTheStoredState) {
    ASSERT_EQ(gesso({"admin", "account", "create", "erin", "--email", "erin@example.test"}).exit_code, 0);
    auto s = gesso({"admin", "account", "suspend", "Erin"});  // usernames are case-insensitive
    ASSERT_EQ(s.exit_code, 0) << s.err;
    EXPECT_TRUE(stored_user("erin")->account.is_suspended());
    auto u = gesso({"admin", "account", "unsuspend", "erin"});
    ASSERT_EQ(u.exit_code, 0) << u.err;
    EXPECT_FALSE(stored_user("erin")->account.is_suspended());
    EXPECT_EQ(listed(gesso({"admin", "account", "list"}).out).at(0).at(3), "active");
}

TEST_F(AdminAccount, ApproveLetsAPendingSignUpIn) {
    ASSERT_EQ(gesso({"admin", "account", "create", "hana", "--email", "hana@example.test"}).exit_code, 0);
    {
        // As a sign-up on a node with registrations = approval leaves it (web/pages/sign_up.cpp).
        storage::Database db(db_path());
        auto id = stored_user("hana")->account.id;
        db.write([&](storage::Connection& c) { storage::set_user_approved(c, id, false); });
    }
    EXPECT_EQ(listed(gesso({"admin", "account", "list"}).out).at(0).at(3), "pending");
    auto r = gesso({"admin", "account", "approve", "hana"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(stored_user("hana")->user.approved);
    EXPECT_EQ(listed(gesso({"admin", "account", "list"}).out).at(0).at(3), "active");
    EXPECT_ONE_LINE_FAILURE(gesso({"admin", "account", "approve", "ghost"}));
}

TEST_F(AdminAccount, RejectDeletesAPendingSignUpOnly) {
    ASSERT_EQ(gesso({"admin", "account", "create", "ivy", "--email", "ivy@example.test"}).exit_code, 0);
    ASSERT_EQ(gesso({"admin", "account", "create", "jon", "--email", "jon@example.test"}).exit_code, 0);
    {
        storage::Database db(db_path());
        auto id = stored_user("ivy")->account.id;
        db.write([&](storage::Connection& c) { storage::set_user_approved(c, id, false); });
    }
    auto r = gesso({"admin", "account", "reject", "ivy"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(stored_user("ivy"));
    // An approved account is not a sign-up to reject: refused, kept.
    auto refused = gesso({"admin", "account", "reject", "jon"});
    EXPECT_ONE_LINE_FAILURE(refused);
    EXPECT_NE(refused.err.find("not waiting for approval"), std::string::npos) << refused.err;
    EXPECT_TRUE(stored_user("jon"));
    // The name is free again.
    EXPECT_EQ(gesso({"admin", "account", "create", "ivy", "--email", "ivy@example.test"}).exit_code, 0);
}

TEST_F(AdminAccount, SuspendingAnUnknownUserFails) {
    initialise();
    auto r = gesso({"admin", "account", "suspend", "ghost"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_ONE_LINE_FAILURE(r);
    EXPECT_NE(r.err.find("ghost"), std::string::npos) << r.err;
    EXPECT_ONE_LINE_FAILURE(gesso({"admin", "account", "unsuspend", "ghost"}));
}

TEST_F(AdminAccount, ResetPasswordGeneratesANewWorkingPassword) {
    auto created = gesso({"admin", "account", "create", "frank", "--email", "frank@example.test"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    std::string old_password = printed_password(created.out);
    auto r = gesso({"admin", "account", "reset-password", "frank"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string new_password = printed_password(r.out);
    ASSERT_FALSE(new_password.empty()) << r.out;
    EXPECT_NE(new_password, old_password);
    auto stored = stored_user("frank");
    ASSERT_TRUE(stored);
    EXPECT_TRUE(verify_password(new_password, stored->user.password_hash));
    EXPECT_FALSE(verify_password(old_password, stored->user.password_hash));
}

TEST_F(AdminAccount, ResetPasswordToAGivenOne) {
    ASSERT_EQ(gesso({"admin", "account", "create", "gina", "--email", "gina@example.test"}).exit_code, 0);
    auto r = gesso({"admin", "account", "reset-password", "gina", "--password", "new and long enough"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(printed_password(r.out), "");
    EXPECT_TRUE(verify_password("new and long enough", stored_user("gina")->user.password_hash));
    auto too_short = gesso({"admin", "account", "reset-password", "gina", "--password", "short"});
    EXPECT_ONE_LINE_FAILURE(too_short);
    EXPECT_TRUE(verify_password("new and long enough", stored_user("gina")->user.password_hash));
}

TEST_F(AdminAccount, ResetPasswordOfAnUnknownUserFails) {
    initialise();
    auto r = gesso({"admin", "account", "reset-password", "ghost"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_ONE_LINE_FAILURE(r);
    EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace gesso::test
