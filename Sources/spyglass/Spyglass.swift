import ArgumentParser

struct Spyglass: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spyglass",
        abstract: "Explore LookML models from the terminal: pick fields, filter, pivot, chart, report.",
        discussion: """
        With no command, opens the terminal UI on the current project: the directory you are in if it \
        holds .lkml files, else the bundled demo (a chat company's customer-data warehouse).

        Examples (each runs on the bundled demo):
          spyglass                              open the terminal UI
          spyglass validate                     check the project, like a compiler
          spyglass explores                     list what you can explore
          spyglass fields users --format json   the fields of one explore
          spyglass query users --fields users.primary_platform,users.count \\
              --sorts "users.count desc" --limit 5
          spyglass sql users --fields users.signup_month,users.count \\
              --dialect snowflake
          spyglass query users --fields users.signup_month,users.count \\
              --filter "users.primary_platform=ios,android" --limit 12

        Exit codes: 0 ok, 1 model or query error, 2 usage, 3 cannot connect, 4 timeout or cancelled;
        SIGINT, SIGTERM and SIGHUP cancel the running query on the server, then exit 130, 143 and 129.
        """,
        subcommands: [
            Open.self, Validate.self, Explores.self, Fields.self, Dashboards.self, SQL.self, Query.self,
            ExploreUI.self, DashboardUI.self, Report.self, Demo.self, WhoAmI.self,
        ],
        defaultSubcommand: Open.self
    )
}
