from django.urls import reverse

LOGIN = reverse("admin:login")


def attempt(client, password, address="203.0.113.7"):
    return client.post(
        LOGIN,
        {"username": "organizer", "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_the_admin_login_locks_after_repeated_failures_with_a_clear_message(client, superuser):
    for _ in range(4):
        response = attempt(client, "wrong")
        assert response.status_code == 200
        assert b"Please enter the correct username and password" in response.content
    fifth = attempt(client, "wrong")
    assert fifth.status_code == 429
    locked = attempt(client, "a-long-test-password")
    assert locked.status_code == 429
    assert b"Too many failed log-in attempts" in locked.content
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_address(client, superuser):
    for _ in range(5):
        attempt(client, "wrong")
    response = attempt(client, "a-long-test-password", address="198.51.100.9")
    assert response.status_code == 302
    assert response.url == "/admin/"


def test_a_success_before_the_limit_resets_the_count(client, superuser):
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, "a-long-test-password").status_code == 302
    client.logout()
    for _ in range(3):
        attempt(client, "wrong")
    assert attempt(client, "a-long-test-password").status_code == 302


def test_one_address_trying_many_usernames_is_locked_out(client, superuser, settings):
    """Four tries each for many usernames stays under the per-username limit; the address
    as a whole is locked after AXES_IP_FAILURE_LIMIT (20) failures."""
    for index in range(20):
        response = client.post(
            LOGIN,
            {"username": f"guess{index}", "password": "wrong", "next": "/admin/"},
            REMOTE_ADDR="203.0.113.50",
        )
        assert response.status_code == (200 if index < 19 else 429), index
    assert attempt(client, "a-long-test-password", address="203.0.113.50").status_code == 429
    assert attempt(client, "a-long-test-password", address="198.51.100.9").status_code == 302


def test_an_office_address_survives_a_few_colleagues_typos(client, superuser, django_user_model):
    for name in ("ana", "ben", "chen"):
        django_user_model.objects.create_superuser(name, "", "another-long-password")
        for _ in range(4):
            client.post(
                LOGIN,
                {"username": name, "password": "typo", "next": "/admin/"},
                REMOTE_ADDR="203.0.113.7",
            )
    assert attempt(client, "a-long-test-password").status_code == 302


def test_logging_in_as_yourself_does_not_clear_failures_against_others(
    client, superuser, django_user_model
):
    """Four guesses at the organizer's password, then a login as oneself, over and over:
    the address's failures keep counting and the address is locked out."""
    django_user_model.objects.create_user("editor", password="editors-own-password", is_staff=True)
    statuses = []
    for _round in range(6):
        for _ in range(4):
            statuses.append(attempt(client, "guess").status_code)
        client.post(
            LOGIN,
            {"username": "editor", "password": "editors-own-password", "next": "/admin/"},
            REMOTE_ADDR="203.0.113.7",
        )
        client.logout()
    assert 429 in statuses
    assert attempt(client, "a-long-test-password").status_code == 429
