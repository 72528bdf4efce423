package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tfcost/tfcost/internal/comment"
	"github.com/tfcost/tfcost/internal/diff"
	"github.com/tfcost/tfcost/internal/failure"
	"github.com/tfcost/tfcost/internal/policy"
	"github.com/tfcost/tfcost/internal/report"
)

// commentArgs are the flags of `tfcost comment <platform>`.
type commentArgs struct {
	projectArgs
	Paths       []string // tfcost JSON files instead of plans
	Repo        string
	RepoURL     string
	PullRequest int
	APIURL      string
	Token       string
	Behavior    string
	DryRun      bool
}

// tokenEnv is where each platform's token is read from when --token is not given.
var tokenEnv = map[string]string{
	"github":      "GITHUB_TOKEN",
	"gitlab":      "GITLAB_TOKEN",
	"azure-repos": "SYSTEM_ACCESSTOKEN",
	"bitbucket":   "BITBUCKET_TOKEN",
}

// newCommentCommand is `tfcost comment`, with one subcommand per platform.
func newCommentCommand(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "comment",
		Short: "Post the cost diff (and budget verdict) as a pull-request comment, updating it on later runs",
		Long: `comment renders the cost diff as Markdown and posts it to a pull/merge request.
The comment carries a hidden marker; on the next run it is found and, with the default
--behavior update, edited in place. The token comes from --token or the platform's usual
environment variable and is never printed. --dry-run prints the body and posts nothing.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// Without these, an unknown platform ("tfcost comment jira") printed
		// the help and exited 0, so a CI job would pass without commenting.
		Args: noArgs("a platform subcommand (github, gitlab, azure-repos or bitbucket)"),
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	for _, name := range []string{"github", "gitlab", "azure-repos", "bitbucket"} {
		cmd.AddCommand(newCommentPlatformCommand(g, name))
	}
	return cmd
}

func newCommentPlatformCommand(g *globalOptions, name string) *cobra.Command {
	a := &commentArgs{}
	cmd := &cobra.Command{
		Use:           name + " [PLAN_JSON...]",
		Short:         "Post or update the tfcost comment on a " + name + " pull request",
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			a.Plans = args
			return a.run(cmd, g, name)
		},
	}
	f := cmd.Flags()
	a.register(f, true)
	f.StringArrayVar(&a.Paths, "path", nil, "tfcost JSON file(s) to comment on instead of plans (repeatable, globs allowed)")
	switch name {
	case "azure-repos":
		f.StringVar(&a.RepoURL, "repo-url", "", "repository URL, https://dev.azure.com/<org>/<project>/_git/<repo> (default from the pipeline's variables)")
	case "gitlab":
		f.StringVar(&a.Repo, "repo", "", "project path or id, e.g. group/project (default $CI_PROJECT_ID)")
	case "bitbucket":
		f.StringVar(&a.Repo, "repo", "", "workspace/repository (default $BITBUCKET_REPO_FULL_NAME)")
	default:
		f.StringVar(&a.Repo, "repo", "", "owner/name (default $GITHUB_REPOSITORY)")
	}
	if name != "azure-repos" {
		f.StringVar(&a.APIURL, "api-url", "", "API base URL for self-hosted instances")
	}
	f.IntVar(&a.PullRequest, "pull-request", 0, "pull/merge request number (default from the CI environment)")
	f.StringVar(&a.Token, "token", "", "API token (default $"+tokenEnv[name]+"); never printed")
	f.StringVar(&a.Behavior, "behavior", "update", "update | new | hide-and-new (GitHub only) | delete-and-new")
	f.BoolVar(&a.DryRun, "dry-run", false, "print the comment body and post nothing")
	return cmd
}

func (a *commentArgs) run(cmd *cobra.Command, g *globalOptions, name string) error {
	behavior, err := comment.ParseBehavior(a.Behavior)
	if err != nil {
		return err
	}
	// The token, repository and pull request are checked before pricing:
	// a CI job missing one should fail at once, not after a long estimate.
	var p comment.Platform
	if !a.DryRun {
		if p, err = a.platform(name); err != nil {
			return err
		}
	}
	r, gate, err := a.report(g)
	if err != nil {
		return err
	}
	render, _ := report.LookupDiff(report.CommentFormat(name))
	var body bytes.Buffer
	if err := render(&body, r, report.Options{Command: "comment"}); err != nil {
		return failure.Internalf("cannot render comment: %v", err)
	}
	if a.DryRun {
		if err := writeOutput(g.io.Out, a.OutFile, func(w io.Writer) error { _, err := w.Write(body.Bytes()); return err }); err != nil {
			return err
		}
		return gate
	}
	res, err := comment.Post(cmd.Context(), p, body.String(), report.CommentMarkerFor(name), behavior)
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("Comment %s on %s (id %s)", res.Action, name, res.Comment.ID)
	if res.Hidden > 0 {
		msg += fmt.Sprintf("; %d earlier comment(s) hidden", res.Hidden)
	}
	if res.Deleted > 0 {
		msg += fmt.Sprintf("; %d earlier comment(s) deleted", res.Deleted)
	}
	fmt.Fprintln(g.io.Err, msg) //nolint:errcheck // status on stderr: the comment is posted either way
	return gate
}

// report builds the diff from --path JSON files or from plans/config, and
// evaluates --policy. gate is the policy's verdict as an error (nil = pass);
// the comment is posted either way, showing the verdict.
func (a *commentArgs) report(g *globalOptions) (*diff.Report, error, error) {
	set, err := loadPolicy(a.PolicyFile)
	if err != nil {
		return nil, nil, err
	}
	var r *diff.Report
	var in policy.Input
	if len(a.Paths) > 0 {
		projects, err := readJSONPaths(a.Paths)
		if err != nil {
			return nil, nil, err
		}
		r = report.DiffOf(projects)
		prior, planned := r.Merged()
		in = policy.Input{Planned: planned, Prior: prior}
	} else {
		var projects []pricedProject
		r, projects, err = a.buildDiff(g)
		if err != nil {
			return nil, nil, err
		}
		in = policyInput(r, projects)
	}
	var gate error
	r.Verdict, gate = set.Apply(nil, in, a.AllowSoft)
	return r, gate, nil
}

var githubPullRef = regexp.MustCompile(`^refs/pull/(\d+)/`)

// platform builds the API client, filling unset flags from the CI
// environment each platform documents.
func (a *commentArgs) platform(name string) (comment.Platform, error) {
	token := a.Token
	if token == "" {
		token = os.Getenv(tokenEnv[name])
	}
	if token == "" {
		return nil, failure.Usagef("no %s token: pass --token or set %s (or use --dry-run)", name, tokenEnv[name])
	}
	envInt := func(keys ...string) int {
		for _, k := range keys {
			if n, err := strconv.Atoi(os.Getenv(k)); err == nil {
				return n
			}
		}
		return 0
	}
	pr := a.PullRequest
	repo := a.Repo
	api := a.APIURL
	switch name {
	case "github":
		if repo == "" {
			repo = os.Getenv("GITHUB_REPOSITORY")
		}
		if api == "" {
			api = os.Getenv("GITHUB_API_URL")
		}
		if pr == 0 {
			if m := githubPullRef.FindStringSubmatch(os.Getenv("GITHUB_REF")); m != nil {
				pr, _ = strconv.Atoi(m[1])
			}
		}
	case "gitlab":
		if repo == "" {
			repo = os.Getenv("CI_PROJECT_ID")
		}
		if api == "" {
			api = os.Getenv("CI_API_V4_URL")
		}
		if pr == 0 {
			pr = envInt("CI_MERGE_REQUEST_IID")
		}
	case "azure-repos":
		if a.RepoURL == "" && os.Getenv("SYSTEM_COLLECTIONURI") != "" {
			a.RepoURL = strings.TrimSuffix(os.Getenv("SYSTEM_COLLECTIONURI"), "/") + "/" + os.Getenv("SYSTEM_TEAMPROJECT") +
				"/_git/" + os.Getenv("BUILD_REPOSITORY_NAME")
		}
		if pr == 0 {
			pr = envInt("SYSTEM_PULLREQUEST_PULLREQUESTID")
		}
	case "bitbucket":
		if repo == "" {
			repo = os.Getenv("BITBUCKET_REPO_FULL_NAME")
		}
		if pr == 0 {
			pr = envInt("BITBUCKET_PR_ID")
		}
	}
	if pr <= 0 {
		return nil, failure.Usagef("no pull request: pass --pull-request N (not running in a %s pull-request pipeline)", name)
	}
	switch name {
	case "github":
		return comment.NewGitHub(nil, api, repo, pr, token)
	case "gitlab":
		if repo == "" {
			return nil, failure.Usagef("no project: pass --repo group/project")
		}
		return comment.NewGitLab(nil, api, repo, pr, token), nil
	case "azure-repos":
		return comment.NewAzureRepos(nil, a.RepoURL, pr, token)
	default:
		return comment.NewBitbucket(nil, api, repo, pr, token)
	}
}
