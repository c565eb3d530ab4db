"""Reads, a module per domain: the programme and attendance. Import the module you need
(`from registration.selectors import programme`)."""
